package io.korch.agent.proxy.iptables;

import io.korch.agent.services.ServiceEntry.Backend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one agent's chains: {@code KORCH-<tag>-SERVICES} and the like, where the tag is four characters
 * hashed from the node's name, so that every agent of a machine has chains of its own; per Service port
 * {@code KORCH-<tag>-SVC-<hash>} and per endpoint {@code KORCH-<tag>-SEP-<hash>}, hashed as kube-proxy hashes its
 * {@code KUBE-SVC-} and {@code KUBE-SEP-} names (base32 of SHA-256), short enough for iptables' 28 characters.
 */
public record ChainNames(String tag) {

    /** A chain of any agent's, with its tag as group 1. The tag is lower case, never korch's other chains'. */
    public static final Pattern AGENT_CHAIN = Pattern.compile("KORCH-([a-z2-7]{4})-[A-Z0-9-]+");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    /** The chains of the agent of {@code nodeName}. */
    public static ChainNames forNode(String nodeName) {
        return new ChainNames(hash(nodeName, 4));
    }

    /** The tag of {@code chain} when it is an agent's chain, or null. */
    public static String tagOf(String chain) {
        Matcher matcher = AGENT_CHAIN.matcher(chain);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Where the hooks jump from {@code PREROUTING} and {@code OUTPUT} (nat), and the rejects (filter). */
    public String services() {
        return prefix() + "SERVICES";
    }

    /** The node ports, jumped to for the node's address. */
    public String nodePorts() {
        return prefix() + "NODEPORTS";
    }

    /** Marks a packet's connection for masquerading. */
    public String markMasquerade() {
        return prefix() + "MARK-MASQ";
    }

    /** Masquerades the marked connections, jumped to from {@code POSTROUTING}. */
    public String postrouting() {
        return prefix() + "POSTROUTING";
    }

    /** The filter rules that guard {@code route_localnet}. */
    public String firewall() {
        return prefix() + "FIREWALL";
    }

    /** The chain spreading the connections of one Service port, such as {@code default/web:http}, over its endpoints. */
    public String service(String servicePortName, String protocol) {
        return prefix() + "SVC-" + hash(servicePortName + protocol, 12).toUpperCase();
    }

    /** The chain that DNATs to one endpoint of one Service port. */
    public String endpoint(String servicePortName, String protocol, Backend backend) {
        return prefix() + "SEP-" + hash(servicePortName + protocol + backend, 12).toUpperCase();
    }

    private String prefix() {
        return "KORCH-" + tag + "-";
    }

    private static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder(length);
            long bits = 0;
            int count = 0;
            for (int i = 0; out.length() < length; ) {
                if (count < 5) {
                    bits = (bits << 8) | (digest[i++] & 0xff);
                    count += 8;
                }
                count -= 5;
                out.append(BASE32.charAt((int) ((bits >> count) & 31)));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

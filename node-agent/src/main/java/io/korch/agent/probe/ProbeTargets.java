package io.korch.agent.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where probes and hooks may dial: the container's own address, or the node's loopback (127.0.0.0/8,
 * {@code ::1}, {@code localhost}). Any other host, by name or number, is refused without being resolved or
 * dialled.
 */
public final class ProbeTargets {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ProbeTargets() {
    }

    /**
     * The address to dial for {@code host} (null: the container's address), or empty when it is not allowed.
     *
     * @param containerAddress the container's address, or null when it has none
     */
    public static Optional<String> resolve(String host, String containerAddress) {
        if (host == null || host.isEmpty()) {
            return Optional.ofNullable(containerAddress);
        }
        if (host.equals(containerAddress)) {
            return Optional.of(host);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return Optional.of("127.0.0.1");
        }
        if (host.equals("::1") || host.equals("[::1]")) {
            return Optional.of("::1");
        }
        if (IPV4.matcher(host).matches()) {
            try {
                byte[] bytes = InetAddress.getByName(host).getAddress(); // a literal: no lookup
                if (bytes[0] == 127) {
                    return Optional.of(host);
                }
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Why {@code host} is not dialled, for the probe's output. */
    static String refusal(String host) {
        return "probe host " + host + " refused: probes dial only the container's own address or loopback";
    }
}

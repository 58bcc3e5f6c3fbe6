package io.korch.agent.network;

import io.korch.agent.network.Iptables.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the pod network: what pods may reach on the node itself. Docker's internal network already
 * keeps pods from reaching beyond the machine; these iptables rules keep them from the host's own services
 * too. A packet arriving from the pod bridge is accepted only when it goes to the Service CIDR (the node
 * proxy and DNS, which the agents serve on Service addresses) or belongs to a connection the host opened
 * (replies to the host's probes and clients); anything else is dropped. Pods still reach each other, as that
 * traffic stays on the bridge.
 *
 * <p>The rules live in a chain of korch's own, {@value #CHAIN}, jumped to from {@code INPUT} for packets of
 * the bridge. {@link #install} writes the chain whole in one {@code iptables-restore} transaction, so several
 * agents installing it at once never leave it half written; {@link #remove} deletes the jump and the chain.
 * Without a usable {@code iptables} (not root, not installed) the host is left as it is, with a warning.
 */
public final class HostFirewall {

    /** The chain of the rules. */
    public static final String CHAIN = "KORCH-PODS-INPUT";

    private static final Logger LOG = LoggerFactory.getLogger(HostFirewall.class);

    private final String bridge;
    private final String serviceCidr;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param bridge      the pod network's host bridge, such as {@code korch0}
     * @param serviceCidr the Service network, such as {@code 10.96.0.0/16}
     */
    public HostFirewall(String bridge, String serviceCidr) {
        this.bridge = bridge;
        this.serviceCidr = serviceCidr;
    }

    /** The chain's rules, in order, as {@code iptables -S} prints them. */
    public List<String> chainRules() {
        return List.of(
                "-A " + CHAIN + " -d " + serviceCidr + " -i " + bridge + " -j ACCEPT",
                "-A " + CHAIN + " -i " + bridge + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A " + CHAIN + " -i " + bridge + " -j DROP");
    }

    /** The rule of {@code INPUT} that sends the bridge's packets to the chain, as {@code iptables} arguments. */
    public List<String> jumpRule() {
        return List.of("INPUT", "-i", bridge, "-j", CHAIN);
    }

    /**
     * Writes the chain (again) and makes sure {@code INPUT} jumps to it first.
     *
     * @return false when iptables cannot be used here, so the host is not hardened
     */
    public boolean install() {
        StringBuilder restore = new StringBuilder("*filter\n:" + CHAIN + " - [0:0]\n");
        chainRules().forEach(rule -> restore.append(rule).append('\n'));
        restore.append("COMMIT\n");
        Result written = Iptables.restore(restore.toString());
        if (!written.ok()) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("cannot write the iptables chain {} ({}): pods of the pod network can reach the host's own"
                        + " services", CHAIN, written.output());
            }
            return false;
        }
        if (!iptables("-C", jumpRule()).ok()) {
            List<String> insert = new ArrayList<>(List.of("-I", "INPUT", "1"));
            insert.addAll(jumpRule().subList(1, jumpRule().size()));
            Result inserted = Iptables.iptables(insert);
            if (!inserted.ok()) {
                LOG.warn("cannot jump from INPUT to {}: {}", CHAIN, inserted.output());
                return false;
            }
            LOG.info("pods on {} reach only the Service CIDR {} on this host (iptables chain {})", bridge, serviceCidr,
                    CHAIN);
        }
        return true;
    }

    /** Deletes every jump to the chain and the chain itself; does nothing when they are absent. */
    public void remove() {
        int jumps = 0;
        while (iptables("-D", jumpRule()).ok()) {
            jumps++;
        }
        boolean flushed = Iptables.iptables(List.of("-F", CHAIN)).ok();
        if (flushed && Iptables.iptables(List.of("-X", CHAIN)).ok()) {
            LOG.info("removed the iptables chain {} ({} jumps)", CHAIN, jumps);
        }
    }

    /** Whether the chain exists with its rules and {@code INPUT} jumps to it. */
    public boolean installed() {
        Result listed = Iptables.iptables(List.of("-S", CHAIN));
        return listed.ok() && chainRules().stream().allMatch(listed.output()::contains)
                && iptables("-C", jumpRule()).ok();
    }

    private static Result iptables(String action, List<String> rule) {
        List<String> args = new ArrayList<>(List.of(action));
        args.addAll(rule);
        return Iptables.iptables(args);
    }
}

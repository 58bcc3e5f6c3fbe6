package io.korch.agent.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code conntrack} (conntrack-tools) to delete flows from the kernel's connection tracking table, as
 * kube-proxy does when a UDP Service's endpoints change.
 */
public final class Conntrack {

    private static final String NONE_DELETED = "0 flow entries have been deleted";

    private Conntrack() {
    }

    /** Whether {@code conntrack} exists and may read the table (root). */
    public static boolean usable() {
        return Iptables.run(List.of("conntrack", "-C"), null).ok();
    }

    /** {@code conntrack -D FILTER}; finding no flow to delete is a success. */
    public static Iptables.Result delete(List<String> filter) {
        List<String> command = new ArrayList<>(List.of("conntrack", "-D"));
        command.addAll(filter);
        Iptables.Result result = Iptables.run(command, null);
        return result.ok() || result.output().contains(NONE_DELETED) ? new Iptables.Result(true, result.output()) : result;
    }
}

package io.korch.scheduler.filter;

import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.HostPort;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.util.List;

/**
 * Places a pod only on a node where every host port its containers ask for ({@code hostPort},
 * with its protocol) is free: no pod bound there uses it. kube-scheduler's NodePorts plugin.
 */
public final class NodePorts implements FilterPlugin {

    /** The plugin's name, as kube-scheduler's. */
    public static final String NAME = "NodePorts";
    /** Rejection of a node where a requested host port is taken; kube-scheduler's wording. */
    public static final String PORTS_TAKEN = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node) {
        return fits(pod.hostPorts(), node) ? List.of() : List.of(PORTS_TAKEN);
    }

    /** True when none of {@code wanted} is in use on {@code node}; a pod asking for none always fits. */
    public static boolean fits(List<HostPort> wanted, NodeInfo node) {
        for (HostPort port : wanted) {
            if (node.hostPortInUse(port)) {
                return false;
            }
        }
        return true;
    }
}

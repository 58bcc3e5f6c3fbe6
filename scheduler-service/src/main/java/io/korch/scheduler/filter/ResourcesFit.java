package io.korch.scheduler.filter;

import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Places a pod only where its requests fit: for cpu and memory, what is already requested on the
 * node plus the pod's request must not exceed the node's allocatable amount, and the node must have
 * room for one more pod when it declares a {@code pods} limit. A node short of several resources is
 * rejected for each of them.
 */
public final class ResourcesFit implements FilterPlugin {

    /** The plugin's name. */
    public static final String NAME = "ResourcesFit";
    /** Rejection of a node without enough free CPU. */
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    /** Rejection of a node without enough free memory. */
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    /** Rejection of a node already running as many pods as it declares it can. */
    public static final String TOO_MANY_PODS = "Too many pods";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> filter(PodInfo pod, NodeInfo node) {
        List<String> reasons = new ArrayList<>(3);
        if (!fits(1, node.podCount(), node.allocatablePods())) {
            reasons.add(TOO_MANY_PODS);
        }
        if (!fits(pod.cpuMillis(), node.requestedCpuMillis(), node.allocatableCpuMillis())) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (!fits(pod.memoryBytes(), node.requestedMemoryBytes(), node.allocatableMemoryBytes())) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons;
    }

    /**
     * True when {@code request} more fits next to {@code allocated} within {@code allocatable}. A
     * zero request always fits, as in Kubernetes: a pod that asks for nothing is never rejected for
     * that resource.
     */
    public static boolean fits(long request, long allocated, long allocatable) {
        return request == 0 || request <= allocatable - allocated;
    }
}

package io.korch.scheduler.framework;

import io.korch.api.Container;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import io.korch.model.Owners;
import io.korch.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A pod as the scheduler sees it: its key, the record, and the numbers the plugins need,
 * computed once per pod instead of once per node.
 *
 * <p>A container's request for a resource is its {@code requests} entry, or its {@code limits}
 * entry when no request is given (as Kubernetes defaults it), or zero. The scoring requests count
 * a container without a request as {@link #DEFAULT_SCORING_CPU_MILLIS} and
 * {@link #DEFAULT_SCORING_MEMORY_BYTES}, as kube-scheduler does, so pods that request nothing still
 * spread by load; fitting always uses the real requests.
 *
 * @param key                 {@code namespace/name}
 * @param pod                 the pod record; never mutated
 * @param cpuMillis           summed CPU request of its containers, in millicores
 * @param memoryBytes         summed memory request of its containers, in bytes
 * @param scoringCpuMillis    CPU request for scoring, with the default for containers that ask none
 * @param scoringMemoryBytes  memory request for scoring, with the default for containers that ask none
 * @param ownerUid            uid of its controller owner reference, or null when it has none
 * @param hostPorts           the host ports its containers ask for ({@link HostPort#of})
 */
public record PodInfo(String key, Pod pod, long cpuMillis, long memoryBytes,
                      long scoringCpuMillis, long scoringMemoryBytes, String ownerUid, List<HostPort> hostPorts) {

    /** CPU a container without a CPU request counts for when scoring: 100m. */
    public static final long DEFAULT_SCORING_CPU_MILLIS = 100;
    /** Memory a container without a memory request counts for when scoring: 200Mi. */
    public static final long DEFAULT_SCORING_MEMORY_BYTES = 200L * 1024 * 1024;

    public PodInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pod, "pod");
        hostPorts = List.copyOf(hostPorts);
    }

    /**
     * The scheduler's view of {@code pod}.
     *
     * @throws IllegalArgumentException if a container's resource quantity is not valid, or the
     *     requests of its containers add up to more than a {@code long} holds
     */
    public static PodInfo of(String key, Pod pod) {
        long cpu = 0;
        long memory = 0;
        long scoringCpu = 0;
        long scoringMemory = 0;
        for (Container container : pod.getSpec().getContainers()) {
            long containerCpu = request(container, "cpu", Quantity::parseMillis);
            long containerMemory = request(container, "memory", Quantity::parseBytes);
            cpu = sum(cpu, containerCpu, "cpu");
            memory = sum(memory, containerMemory, "memory");
            scoringCpu = sum(scoringCpu, containerCpu == 0 ? DEFAULT_SCORING_CPU_MILLIS : containerCpu, "cpu");
            scoringMemory = sum(scoringMemory,
                    containerMemory == 0 ? DEFAULT_SCORING_MEMORY_BYTES : containerMemory, "memory");
        }
        return new PodInfo(key, pod, cpu, memory, scoringCpu, scoringMemory, controllerUid(pod), HostPort.of(pod));
    }

    /** The uid of the pod's controller owner reference, or null. */
    public static String controllerUid(Pod pod) {
        OwnerReference owner = Owners.controller(pod.getMetadata());
        return owner == null ? null : owner.getUid();
    }

    /** The pod's uid, or the empty string when it has none. */
    public String uid() {
        return Objects.toString(pod.getMetadata().getUid(), "");
    }

    /** The node the pod's spec names ({@code spec.nodeName}), or null. */
    public String requestedNodeName() {
        return pod.getSpec().getNodeName();
    }

    /** The same pod with {@code spec.nodeName} set to {@code nodeName}: a new record, this one is left as it is. */
    public PodInfo boundTo(String nodeName) {
        if (nodeName.equals(pod.getSpec().getNodeName())) {
            return this;
        }
        Pod bound = Pod.newBuilder(pod)
                .setSpec(PodSpec.newBuilder(pod.getSpec()).setNodeName(nodeName).build())
                .build();
        return new PodInfo(key, bound, cpuMillis, memoryBytes, scoringCpuMillis, scoringMemoryBytes, ownerUid,
                hostPorts);
    }

    private static long request(Container container, String resource, ToLongFunction<String> parse) {
        ResourceRequirements resources = container.getResources();
        if (resources == null) {
            return 0;
        }
        String quantity = quantity(resources.getRequests(), resource);
        if (quantity == null) {
            quantity = quantity(resources.getLimits(), resource);
        }
        if (quantity == null) {
            return 0;
        }
        try {
            return parse.applyAsLong(quantity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "container \"" + container.getName() + "\": " + resource + ": " + e.getMessage(), e);
        }
    }

    /** {@code total + request}; rejects the pod when its containers together ask for more than a long holds. */
    private static long sum(long total, long request, String resource) {
        try {
            return Math.addExact(total, request);
        } catch (ArithmeticException e) {
            String unit = "cpu".equals(resource) ? " millicores" : " bytes";
            throw new IllegalArgumentException(
                    resource + " requests overflow: the containers together ask for more than " + Long.MAX_VALUE + unit, e);
        }
    }

    private static String quantity(Map<String, String> quantities, String resource) {
        return quantities == null ? null : quantities.get(resource);
    }
}

package io.korch.agent;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.ContainerEnv;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Pod;
import io.korch.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a pod container into the runtime-neutral {@link ContainerSpec}: {@code command} becomes the
 * entrypoint and {@code args} the cmd (their {@code $(VAR)} references to the container's environment
 * expanded, as the kubelet does), {@code resources.limits} the memory and cpu limits and
 * {@code resources.requests.cpu} the cpu weight, the security contexts the user, groups and privileges
 * ({@link SecurityContexts}), and the pod's identity the labels and name of docs/architecture.md; the pod's
 * grace period is kept in a label too, for when the container must stop after its pod is gone. The
 * environment ({@link ContainerEnv}) and the mounts (from the pod's volumes) come resolved. Pure.
 */
public final class ContainerSpecs {

    private static final long NANOS_PER_MILLICPU = 1_000_000L;
    /** The smallest cpu limit a runtime enforces: the kubelet's shortest quota, 1 ms per 100 ms period. */
    static final long MIN_CPU_LIMIT_MILLIS = 10;
    /** The kubelet's cpu weight per cpu and its smallest weight. */
    private static final long SHARES_PER_CPU = 1024;
    private static final long MIN_SHARES = 2;

    private ContainerSpecs() {
    }

    /**
     * The spec of a container that reads no ConfigMap or Secret and mounts nothing: its environment is its
     * literal {@code env} values (and the downward API as seen from {@code nodeName}).
     *
     * @throws IllegalArgumentException if a resource limit is not a valid quantity
     */
    public static ContainerSpec of(String nodeName, Pod pod, Container container) {
        Map<String, String> env = ContainerEnv.resolve(pod, container, new ConfigSource(),
                new NodeFacts(nodeName, NodeRecords.NODE_IP, 0, 0)).env();
        return of(nodeName, pod, container, env, List.of());
    }

    /**
     * The spec of {@code container} of {@code pod} on node {@code nodeName}, with its resolved environment and
     * the mounts of its volume mounts.
     *
     * @throws IllegalArgumentException if a resource quantity is not valid
     */
    public static ContainerSpec of(String nodeName, Pod pod, Container container, Map<String, String> env,
                                   List<ContainerSpec.Mount> mounts) {
        String namespace = PodKeys.namespace(pod);
        String podName = pod.getMetadata().getName();
        List<ContainerSpec.PortMapping> ports = new ArrayList<>();
        for (ContainerPort port : container.getPorts()) {
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            ports.add(new ContainerSpec.PortMapping(port.getContainerPort(), port.getHostPort(), protocol));
        }
        Map<String, String> limits = container.getResources() == null ? Map.of() : container.getResources().getLimits();
        Map<String, String> requests =
                container.getResources() == null ? Map.of() : container.getResources().getRequests();
        Long memory = limits.containsKey("memory") ? Quantity.parseBytes(limits.get("memory")) : null;
        Long nanoCpus = limits.containsKey("cpu")
                ? Math.max(MIN_CPU_LIMIT_MILLIS, Quantity.parseMillis(limits.get("cpu"))) * NANOS_PER_MILLICPU
                : null;
        String cpuRequest = requests.containsKey("cpu") ? requests.get("cpu") : limits.get("cpu");
        Long cpuShares = cpuRequest == null ? null
                : Math.max(MIN_SHARES, Quantity.parseMillis(cpuRequest) * SHARES_PER_CPU / 1000);
        Map<String, String> labels = new LinkedHashMap<>(
                ContainerLabels.of(nodeName, namespace, podName, pod.getMetadata().getUid(), container.getName()));
        Long gracePeriod = pod.getSpec().getTerminationGracePeriodSeconds();
        if (gracePeriod != null) {
            labels.put(ContainerLabels.TERMINATION_GRACE_PERIOD, Long.toString(gracePeriod));
        }
        return new ContainerSpec(
                ContainerLabels.containerName(nodeName, namespace, podName, container.getName()),
                container.getImage(),
                ContainerEnv.expand(container.getCommand(), env),
                ContainerEnv.expand(container.getArgs(), env),
                env,
                container.getWorkingDir(),
                labels,
                ports,
                memory,
                nanoCpus,
                cpuShares,
                mounts,
                SecurityContexts.effective(pod, container));
    }
}

package io.korch.agent;

import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.EnvVar;
import io.korch.api.Pod;
import io.korch.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a pod container into the runtime-neutral {@link ContainerSpec}: {@code command} becomes the
 * entrypoint, {@code args} the cmd, {@code resources.limits} the memory and cpu limits, and the pod's
 * identity the labels and name of docs/architecture.md; the pod's grace period is kept in a label too, for
 * when the container must stop after its pod is gone. Pure.
 */
public final class ContainerSpecs {

    private static final long NANOS_PER_MILLICPU = 1_000_000L;

    private ContainerSpecs() {
    }

    /**
     * The spec of {@code container} of {@code pod} on node {@code nodeName}.
     *
     * @throws IllegalArgumentException if a resource limit is not a valid quantity
     */
    public static ContainerSpec of(String nodeName, Pod pod, Container container) {
        String namespace = PodKeys.namespace(pod);
        String podName = pod.getMetadata().getName();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        }
        List<ContainerSpec.PortMapping> ports = new ArrayList<>();
        for (ContainerPort port : container.getPorts()) {
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            ports.add(new ContainerSpec.PortMapping(port.getContainerPort(), port.getHostPort(), protocol));
        }
        Map<String, String> limits = container.getResources() == null ? Map.of() : container.getResources().getLimits();
        Long memory = limits.containsKey("memory") ? Quantity.parseBytes(limits.get("memory")) : null;
        Long nanoCpus = limits.containsKey("cpu") ? Quantity.parseMillis(limits.get("cpu")) * NANOS_PER_MILLICPU : null;
        Map<String, String> labels = new LinkedHashMap<>(
                ContainerLabels.of(nodeName, namespace, podName, pod.getMetadata().getUid(), container.getName()));
        Long gracePeriod = pod.getSpec().getTerminationGracePeriodSeconds();
        if (gracePeriod != null) {
            labels.put(ContainerLabels.TERMINATION_GRACE_PERIOD, Long.toString(gracePeriod));
        }
        return new ContainerSpec(
                ContainerLabels.containerName(nodeName, namespace, podName, container.getName()),
                container.getImage(),
                container.getCommand(),
                container.getArgs(),
                env,
                container.getWorkingDir(),
                labels,
                ports,
                memory,
                nanoCpus);
    }
}

package io.korch.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a runtime needs to create one container: the runtime-neutral translation of a pod
 * container (see {@code io.korch.agent.ContainerSpecs}).
 *
 * @param name        unique container name, see {@link ContainerLabels#containerName}
 * @param image       image reference; runtimes never pull it
 * @param entrypoint  replaces the image entrypoint when not empty (the pod's {@code command})
 * @param cmd         replaces the image command when not empty (the pod's {@code args})
 * @param env         environment variables added to the image's
 * @param workingDir  working directory, or null for the image default
 * @param labels      labels, always including those of {@link ContainerLabels}
 * @param ports       ports to expose; those with a host port are published on 127.0.0.1 only
 * @param memoryBytes memory limit in bytes, or null for none
 * @param nanoCpus    cpu limit in billionths of a cpu, or null for none
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        String workingDir,
        Map<String, String> labels,
        List<PortMapping> ports,
        Long memoryBytes,
        Long nanoCpus) {

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    /**
     * One container port.
     *
     * @param containerPort port inside the container
     * @param hostPort      port published on 127.0.0.1 of the node, or null to expose only
     * @param protocol      {@code TCP}, {@code UDP} or {@code SCTP}
     */
    public record PortMapping(int containerPort, Integer hostPort, String protocol) {
    }
}

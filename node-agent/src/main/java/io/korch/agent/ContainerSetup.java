package io.korch.agent;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.ContainerEnv;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.network.ServiceLinks;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.volume.PodVolumes;
import io.korch.api.Container;
import io.korch.api.Pod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a container needs from the node besides its image, before it is created: its pod's volumes set up
 * ({@link PodVolumes}), then its environment resolved from the ConfigMaps and Secrets the node follows and from
 * the downward API ({@link ContainerEnv}), with the Service environment variables of its namespace
 * ({@link ServiceLinks}) unless the pod's {@code enableServiceLinks} is false, then the spec ({@link ContainerSpecs}). After each listing of a
 * reconcile pass it refreshes the files of mounted ConfigMaps and Secrets and deletes the volumes of pods that
 * are gone.
 */
final class ContainerSetup {

    private final String nodeName;
    private final ConfigSource source;
    private final NodeFacts node;
    private final PodVolumes volumes;
    private final ServiceLinks serviceLinks;

    ContainerSetup(String nodeName, ConfigSource source, NodeFacts node, PodVolumes volumes) {
        this(nodeName, source, node, volumes, ServiceLinks.NONE);
    }

    ContainerSetup(String nodeName, ConfigSource source, NodeFacts node, PodVolumes volumes,
                   ServiceLinks serviceLinks) {
        this.nodeName = nodeName;
        this.source = source;
        this.node = node;
        this.volumes = volumes;
        this.serviceLinks = serviceLinks;
    }

    /**
     * The spec of {@code container} of {@code pod}, its pod's volumes set up.
     *
     * @param warnings receives the messages of {@link ContainerEnv#INVALID_ENVIRONMENT_VARIABLE_NAMES} events
     * @throws ContainerConfigException while a volume, ConfigMap, Secret or key the container needs is missing
     * @throws IllegalArgumentException  if a resource quantity is not valid
     */
    ContainerSpec spec(Pod pod, Container container, Consumer<String> warnings) {
        List<ContainerSpec.Mount> mounts = volumes.mounts(pod, container);
        ContainerEnv.Resolved env = ContainerEnv.resolve(pod, container, source, node, serviceEnv(pod));
        env.warnings().forEach(warnings);
        return ContainerSpecs.of(nodeName, pod, container, env.env(), mounts);
    }

    /** The Service environment variables of {@code pod}: none when its {@code enableServiceLinks} is false. */
    private Map<String, String> serviceEnv(Pod pod) {
        if (Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks())) {
            return Map.of();
        }
        return serviceLinks.environment(PodKeys.namespace(pod));
    }

    /**
     * After a pass listed {@code observed}: brings the mounted files of the {@code desired} pods up to date and
     * deletes the volumes of pods neither desired nor with a container left.
     */
    void listed(List<Pod> desired, List<RuntimeContainer> observed) {
        volumes.refresh(desired);
        Set<String> inUse = new HashSet<>();
        desired.forEach(pod -> inUse.add(pod.getMetadata().getUid()));
        observed.forEach(container -> {
            if (container.podUid() != null) {
                inUse.add(container.podUid());
            }
        });
        volumes.retain(inUse);
    }
}

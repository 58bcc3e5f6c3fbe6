package io.korch.agent;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.ContainerEnv;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.network.PodNetwork;
import io.korch.agent.network.ServiceLinks;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerRuntime;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a container needs from the node besides its image, before it is created: its pod's volumes set up
 * ({@link PodVolumes}), its pod's network ({@link PodNetwork#attach}: the pod's sandbox, created first when it
 * has none, and its resolver and hosts files), then its environment resolved from the ConfigMaps and Secrets
 * the node follows and from the downward API ({@link ContainerEnv}), with the Service environment variables of
 * its namespace ({@link ServiceLinks}) unless the pod's {@code enableServiceLinks} is false, then the spec
 * ({@link ContainerSpecs}). After each listing of a reconcile pass it tells the pod network which sandboxes
 * there are, refreshes the files of mounted ConfigMaps and Secrets and deletes the volumes of pods that are gone:
 * their directories, and their memory volumes in the runtime at the first pass and whenever a pod is gone, found
 * by their labels, so the leftovers of pods removed while the agent was down go too, directories or not.
 */
final class ContainerSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSetup.class);

    private final String nodeName;
    private final ConfigSource source;
    private final NodeFacts node;
    private final PodVolumes volumes;
    private final PodNetwork network;
    private final ContainerRuntime runtime;
    private final ServiceLinks serviceLinks;
    /**
     * The pods in use at the last pass, or null before the first pass (or after a removal of memory volumes
     * failed): when one of them is no longer in use, the runtime's memory volumes are looked at.
     */
    private Set<String> lastInUse;

    /** The set-up of containers on the node's own network, with no memory volumes to remove. */
    ContainerSetup(String nodeName, ConfigSource source, NodeFacts node, PodVolumes volumes) {
        this(nodeName, source, node, volumes, PodNetwork.NODE, null, ServiceLinks.NONE);
    }

    /**
     * @param network      where the pods' containers go
     * @param runtime      removes the memory volumes of pods that are gone, or null
     * @param serviceLinks the Service environment variables of each namespace
     */
    ContainerSetup(String nodeName, ConfigSource source, NodeFacts node, PodVolumes volumes, PodNetwork network,
                   ContainerRuntime runtime, ServiceLinks serviceLinks) {
        this.nodeName = nodeName;
        this.source = source;
        this.node = node;
        this.volumes = volumes;
        this.network = network;
        this.runtime = runtime;
        this.serviceLinks = serviceLinks;
    }

    /**
     * The spec of {@code container} of {@code pod}, its pod's volumes set up.
     *
     * @param warnings receives the messages of {@link ContainerEnv#INVALID_ENVIRONMENT_VARIABLE_NAMES} events
     * @throws ContainerConfigException while a volume, ConfigMap, Secret or key the container needs is missing, or
     *                                  its pod's network cannot take it yet
     * @throws IllegalArgumentException  if a resource quantity is not valid
     */
    ContainerSpec spec(Pod pod, Container container, Consumer<String> warnings) {
        List<ContainerSpec.Mount> mounts = volumes.mounts(pod, container);
        PodNetwork.Attachment attachment = network.attach(pod, volumes.sandboxMounts(pod));
        ContainerEnv.Resolved env = ContainerEnv.resolve(pod, container, source, node, serviceEnv(pod));
        env.warnings().forEach(warnings);
        return ContainerSpecs.of(nodeName, pod, container, env.env(), mounts)
                .with(attachment.mounts(), attachment.network());
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
     * deletes the volumes of pods neither desired nor with a container left. Called by one pass at a time.
     *
     * @param busy uids of the pods whose containers are being set up, which the listing may not show yet
     */
    void listed(List<Pod> desired, List<RuntimeContainer> observed, Set<String> busy) {
        network.observed(desired, observed.stream().filter(RuntimeContainer::isSandbox).toList(), busy);
        volumes.refresh(desired);
        Set<String> inUse = new HashSet<>();
        desired.forEach(pod -> inUse.add(pod.getMetadata().getUid()));
        inUse.addAll(busy);
        observed.forEach(container -> {
            if (container.podUid() != null) {
                inUse.add(container.podUid());
            }
        });
        volumes.retain(inUse);
        boolean podsGone = lastInUse == null || !inUse.containsAll(lastInUse);
        lastInUse = inUse;
        if (runtime != null && podsGone) {
            try {
                runtime.removePodVolumesExcept(nodeName, inUse);
            } catch (RuntimeException e) {
                lastInUse = null;
                LOG.warn("node {}: cannot remove the memory volumes of pods that are gone: {}", nodeName,
                        e.getMessage());
            }
        }
    }
}

package io.korch.agent.network;

import io.korch.agent.NodeRecords;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The network of a node's pods, as the reconcile loop uses it: whether a pod runs in a sandbox (its own
 * network namespace, held by a container of its own), where each container of a pod goes, and the pod's
 * address for its status and the downward API.
 *
 * <p>Called from the reconcile loop: {@link #observed} after every listing of the node's containers; and
 * {@link #attach} before each container is created, from the workers that set up several pods at once (never
 * two calls for one pod at a time). {@link #NODE} is the network of runtimes without pod
 * networks (local processes): every pod shares the node's.
 */
public interface PodNetwork extends AutoCloseable {

    /** Every pod on the node's own network: no sandboxes, and each pod has the node's address. */
    PodNetwork NODE = new PodNetwork() {
        @Override
        public boolean sandboxed(Pod pod) {
            return false;
        }

        @Override
        public void observed(List<Pod> desired, List<RuntimeContainer> sandboxes) {
        }

        @Override
        public Attachment attach(Pod pod, List<ContainerSpec.Mount> sandboxMounts) {
            return new Attachment(ContainerSpec.Network.DEFAULT, NodeRecords.NODE_IP, List.of());
        }

        @Override
        public String podIP(Pod pod) {
            return NodeRecords.NODE_IP;
        }
    };

    /**
     * Starts following what the network needs from the cluster; {@code onChange} asks for a reconcile pass
     * when that changes (the node got its share of the cluster CIDR). Returns once the current state is known.
     *
     * @throws IllegalStateException when it cannot be read within {@code timeout}
     */
    default void start(Runnable onChange, Duration timeout) {
    }

    /** Whether {@code pod}'s containers share a sandbox's network namespace. */
    boolean sandboxed(Pod pod);

    /**
     * What a pass listed: the assigned pods and this node's sandboxes, in any state. Forgets the addresses of
     * pods that are gone and opens or closes their host ports.
     */
    void observed(List<Pod> desired, List<RuntimeContainer> sandboxes);

    /**
     * As {@link #observed(List, List)}, where the pods of the uids in {@code busy} are being set up beside the
     * pass, so the listing may predate the sandbox {@link #attach} made for one of them: that one is kept.
     */
    default void observed(List<Pod> desired, List<RuntimeContainer> sandboxes, Set<String> busy) {
        observed(desired, sandboxes);
    }

    /**
     * Where a container of {@code pod} goes, its pod's sandbox created and started first when the pod is
     * sandboxed and has no running one.
     *
     * @param sandboxMounts what the sandbox must mount for as long as the pod runs (its memory volumes)
     * @throws ContainerConfigException while the pod cannot be given a network yet (the node has no share
     *                                  of the cluster CIDR) or its sandbox cannot be created
     */
    Attachment attach(Pod pod, List<ContainerSpec.Mount> sandboxMounts);

    /** The address of {@code pod} ({@code status.podIP}), or null while it has none. */
    String podIP(Pod pod);

    /**
     * Stops following the cluster; on a clean stop removes what the network set up on the node when no pod of
     * the machine uses it any more. Containers are left as they are.
     */
    @Override
    default void close() {
    }

    /**
     * Where a container goes.
     *
     * @param network the network of its spec
     * @param podIP   its pod's address
     * @param mounts  what it must mount besides its volumes: its pod's {@code /etc/resolv.conf} and
     *                {@code /etc/hosts}
     */
    record Attachment(ContainerSpec.Network network, String podIP, List<ContainerSpec.Mount> mounts) {

        public Attachment {
            Objects.requireNonNull(network, "network");
            mounts = List.copyOf(mounts);
        }
    }
}

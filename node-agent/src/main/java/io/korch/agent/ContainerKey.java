package io.korch.agent;

import io.korch.agent.runtime.RuntimeContainer;
import java.util.Objects;

/**
 * Identity of one pod container: pod uid plus container name. All container work is keyed by it, so a
 * replayed assignment never starts a second copy and a pod recreated under the same name (new uid) gets
 * new containers.
 *
 * @param podUid        the pod's uid
 * @param containerName the container's name within the pod
 */
public record ContainerKey(String podUid, String containerName) {

    public ContainerKey {
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(containerName, "containerName");
    }

    /** The key of an observed container; it must carry the pod labels. */
    public static ContainerKey of(RuntimeContainer container) {
        return new ContainerKey(container.podUid(), container.containerName());
    }
}

package io.korch.agent;

import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.Capabilities;
import io.korch.api.Container;
import io.korch.api.Pod;
import io.korch.api.PodSecurityContext;
import io.korch.api.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's effective security settings, merged as the kubelet's {@code determineEffectiveSecurityContext}
 * does: {@code runAsUser}, {@code runAsGroup} and {@code runAsNonRoot} of the container, else of the pod; the
 * pod's {@code fsGroup} and then its {@code supplementalGroups} as extra groups; privileges, the read-only root
 * file system and capabilities of the container only; {@code allowPrivilegeEscalation: false} as
 * {@code no-new-privileges}. Pure.
 */
public final class SecurityContexts {

    private SecurityContexts() {
    }

    /** The settings {@code container} of {@code pod} runs with. */
    public static ContainerSpec.Security effective(Pod pod, Container container) {
        PodSecurityContext podContext = pod.getSpec().getSecurityContext();
        SecurityContext own = container.getSecurityContext();
        Long runAsUser = own != null && own.getRunAsUser() != null ? own.getRunAsUser()
                : podContext == null ? null : podContext.getRunAsUser();
        Long runAsGroup = own != null && own.getRunAsGroup() != null ? own.getRunAsGroup()
                : podContext == null ? null : podContext.getRunAsGroup();
        Boolean runAsNonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot()
                : podContext == null ? null : podContext.getRunAsNonRoot();
        List<Long> groups = new ArrayList<>();
        if (podContext != null) {
            if (podContext.getFsGroup() != null) {
                groups.add(podContext.getFsGroup());
            }
            groups.addAll(podContext.getSupplementalGroups());
        }
        Capabilities capabilities = own == null ? null : own.getCapabilities();
        return new ContainerSpec.Security(
                runAsUser,
                runAsGroup,
                Boolean.TRUE.equals(runAsNonRoot),
                groups,
                own != null && Boolean.TRUE.equals(own.getReadOnlyRootFilesystem()),
                own != null && Boolean.TRUE.equals(own.getPrivileged()),
                own != null && Boolean.FALSE.equals(own.getAllowPrivilegeEscalation()),
                capabilities == null ? List.of() : capabilities.getAdd(),
                capabilities == null ? List.of() : capabilities.getDrop());
    }

    /** The pod's {@code fsGroup}, the group its volumes are given to, or null. */
    public static Long fsGroup(Pod pod) {
        PodSecurityContext context = pod.getSpec().getSecurityContext();
        return context == null ? null : context.getFsGroup();
    }
}

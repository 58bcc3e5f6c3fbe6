package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.Capabilities;
import io.korch.api.Pod;
import io.korch.api.PodSecurityContext;
import io.korch.api.SecurityContext;
import io.korch.testkit.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod and container security contexts merged into what the runtime applies. */
class SecurityContextsTest {

    @Test
    void theContainerOverridesThePodsUserGroupAndNonRootSetting() {
        // given
        Pod pod = pod(PodSecurityContext.newBuilder().setRunAsUser(1000L).setRunAsGroup(3000L).setRunAsNonRoot(true)
                .build(), SecurityContext.newBuilder().setRunAsUser(2000L).setRunAsNonRoot(false).build());

        // when
        ContainerSpec.Security security = SecurityContexts.effective(pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(security.runAsUser()).isEqualTo(2000L);
        assertThat(security.runAsGroup()).isEqualTo(3000L);
        assertThat(security.runAsNonRoot()).isFalse();
        assertThat(security.user("")).isEqualTo("2000:3000");
    }

    @Test
    void thePodsFsGroupAndSupplementalGroupsAreExtraGroups() {
        // given
        Pod pod = pod(PodSecurityContext.newBuilder().setFsGroup(2000L).setSupplementalGroups(List.of(5L, 6L)).build(),
                null);

        // when
        ContainerSpec.Security security = SecurityContexts.effective(pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(security.supplementalGroups()).containsExactly(2000L, 5L, 6L);
        assertThat(security.user("nobody")).isNull();
    }

    @Test
    void mapsPrivilegesCapabilitiesAndTheReadOnlyRoot() {
        // given
        Pod pod = pod(null, SecurityContext.newBuilder().setPrivileged(true).setReadOnlyRootFilesystem(true)
                .setAllowPrivilegeEscalation(false)
                .setCapabilities(Capabilities.newBuilder().setAdd(List.of("NET_ADMIN")).setDrop(List.of("ALL")).build())
                .build());

        // when
        ContainerSpec.Security security = SecurityContexts.effective(pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(security.privileged()).isTrue();
        assertThat(security.readOnlyRootFilesystem()).isTrue();
        assertThat(security.noNewPrivileges()).isTrue();
        assertThat(security.capAdd()).containsExactly("NET_ADMIN");
        assertThat(security.capDrop()).containsExactly("ALL");
    }

    @Test
    void allowedPrivilegeEscalationOrNoneSetKeepsNewPrivileges() {
        Pod allowed = pod(null, SecurityContext.newBuilder().setAllowPrivilegeEscalation(true).build());
        Pod unset = pod(null, null);

        assertThat(SecurityContexts.effective(allowed, allowed.getSpec().getContainers().get(0)).noNewPrivileges())
                .isFalse();
        assertThat(SecurityContexts.effective(unset, unset.getSpec().getContainers().get(0)))
                .isEqualTo(ContainerSpec.Security.NONE);
    }

    @Test
    void aGroupAloneAppliesToTheImagesUser() {
        Pod pod = pod(PodSecurityContext.newBuilder().setRunAsGroup(50L).build(), null);
        ContainerSpec.Security security = SecurityContexts.effective(pod, pod.getSpec().getContainers().get(0));

        assertThat(security.user("app:app")).isEqualTo("app:50");
        assertThat(security.user("")).isEqualTo("0:50");
    }

    @Test
    void runAsNonRootRefusesRootAndUsersItCannotVerify() {
        ContainerSpec.Security nonRoot = security(null, true);

        assertThat(nonRoot.nonRootViolation("")).isEqualTo("container has runAsNonRoot and image will run as root");
        assertThat(nonRoot.nonRootViolation("0:0")).isEqualTo("container has runAsNonRoot and image will run as root");
        assertThat(nonRoot.nonRootViolation("nginx")).isEqualTo(
                "container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root");
        assertThat(nonRoot.nonRootViolation("101:101")).isNull();
        assertThat(security(1000L, true).nonRootViolation("")).isNull();
        assertThat(security(0L, true).nonRootViolation("1000")).isEqualTo("container's runAsUser breaks non-root policy");
        assertThat(security(null, false).nonRootViolation("")).isNull();
    }

    private static ContainerSpec.Security security(Long runAsUser, boolean runAsNonRoot) {
        return new ContainerSpec.Security(runAsUser, null, runAsNonRoot, List.of(), false, false, false, List.of(),
                List.of());
    }

    private static Pod pod(PodSecurityContext podContext, SecurityContext containerContext) {
        Pod pod = Pods.pod("web").container("main").build();
        pod.getSpec().setSecurityContext(podContext);
        pod.getSpec().getContainers().get(0).setSecurityContext(containerContext);
        return pod;
    }
}

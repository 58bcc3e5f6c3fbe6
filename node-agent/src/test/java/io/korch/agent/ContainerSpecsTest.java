package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.runtime.ContainerSpec;
import io.korch.api.Pod;
import io.korch.api.PodSecurityContext;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Translation of pod containers into runtime container specs. */
class ContainerSpecsTest {

    @Test
    void labelsAndNamesTheContainerAfterItsNodePodAndContainer() {
        // given
        Pod pod = Pods.pod("web-7d9f").namespace("shop").uid("u-1").container("main", "sleep", "1").build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.name()).isEqualTo("korch_node-1_shop_web-7d9f_main");
        assertThat(spec.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "io.korch.node", "node-1",
                "io.korch.pod.namespace", "shop",
                "io.korch.pod.name", "web-7d9f",
                "io.korch.pod.uid", "u-1",
                "io.korch.container", "main"));
    }

    @Test
    void keepsThePodsGracePeriodInALabelForWhenThePodIsGone() {
        // given
        Pod pod = Pods.pod("web").gracePeriodSeconds(5).build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.labels()).containsEntry("io.korch.pod.termination-grace-period-seconds", "5");
    }

    @Test
    void mapsCommandToEntrypointAndArgsToCmd() {
        // given
        Pod pod = Pods.pod("web").container("main", "sh", "-c").args("echo $GREETING").env("GREETING", "hi")
                .workingDir("/tmp").build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.image()).isEqualTo(Pods.IMAGE);
        assertThat(spec.entrypoint()).containsExactly("sh", "-c");
        assertThat(spec.cmd()).containsExactly("echo $GREETING");
        assertThat(spec.env()).containsEntry("GREETING", "hi");
        assertThat(spec.workingDir()).isEqualTo("/tmp");
    }

    @Test
    void turnsLimitsIntoBytesAndNanoCpus() {
        // given
        Pod pod = Pods.pod("web").container("main", "sleep", "1").limits("250m", "64Mi").build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.nanoCpus()).isEqualTo(250_000_000L);
        assertThat(spec.memoryBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void keepsHostPortsAndDefaultsTheProtocolToTcp() {
        // given
        Pod pod = Pods.pod("web").container("main", "sleep", "1").port(80, 8080).port(9090, null).build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.ports()).containsExactly(
                new ContainerSpec.PortMapping(80, 8080, "TCP"), new ContainerSpec.PortMapping(9090, null, "TCP"));
    }

    @Test
    void refusesAnInvalidLimitWithTheQuantityInTheMessage() {
        // given
        Pod pod = Pods.pod("web").container("main", "sleep", "1").limits("lots", "1Gi").build();

        // then
        assertThatThrownBy(() -> ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lots");
    }

    @Test
    void aContainerWithoutCommandKeepsTheImageDefaults() {
        // given
        Pod pod = Pods.pod("web").container("main").build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.entrypoint()).isEqualTo(List.of());
        assertThat(spec.cmd()).isEqualTo(List.of());
    }

    @Test
    void expandsEnvReferencesInCommandAndArgs() {
        // given
        Pod pod = Pods.pod("web").container("main", "echo", "$(GREETING)").args("$(NAME)", "$$(NAME)", "$(UNSET)")
                .env("GREETING", "hi").env("NAME", "korch").build();

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));

        // then
        assertThat(spec.entrypoint()).containsExactly("echo", "hi");
        assertThat(spec.cmd()).containsExactly("korch", "$(NAME)", "$(UNSET)");
    }

    @Test
    void weighsCpuByTheRequestOrElseTheLimitAsTheKubeletDoes() {
        // given
        Pod requested = Pods.pod("web").container("main").cpu("250m").build();
        Pod limited = Pods.pod("web").container("main").cpuLimit("2").build();
        Pod tiny = Pods.pod("web").container("main").cpu("1m").build();
        Pod none = Pods.pod("web").container("main").build();

        // then
        assertThat(spec(requested).cpuShares()).isEqualTo(256L);
        assertThat(spec(limited).cpuShares()).isEqualTo(2048L);
        assertThat(spec(tiny).cpuShares()).isEqualTo(2L);
        assertThat(spec(none).cpuShares()).isNull();
    }

    @Test
    void raisesACpuLimitBelowTheShortestQuotaToIt() {
        Pod pod = Pods.pod("web").container("main").cpuLimit("1m").build();

        assertThat(spec(pod).nanoCpus()).isEqualTo(10_000_000L);
    }

    @Test
    void carriesTheResolvedEnvMountsAndSecurity() {
        // given
        Pod pod = Pods.pod("web").container("main").build();
        pod.getSpec().setSecurityContext(PodSecurityContext.newBuilder().setRunAsUser(1000L).build());
        List<ContainerSpec.Mount> mounts = List.of(ContainerSpec.Mount.bind("/node/dir", "/etc/config", true));

        // when
        ContainerSpec spec = ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0),
                Map.of("MODE", "fast"), mounts);

        // then
        assertThat(spec.env()).containsExactly(Map.entry("MODE", "fast"));
        assertThat(spec.mounts()).isEqualTo(mounts);
        assertThat(spec.security().runAsUser()).isEqualTo(1000L);
    }

    private static ContainerSpec spec(Pod pod) {
        return ContainerSpecs.of("node-1", pod, pod.getSpec().getContainers().get(0));
    }
}

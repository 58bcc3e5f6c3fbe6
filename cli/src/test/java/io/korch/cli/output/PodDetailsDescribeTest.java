package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStatus;
import io.korch.api.EmptyDirVolumeSource;
import io.korch.api.ExecAction;
import io.korch.api.HTTPGetAction;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.Probe;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import io.korch.cli.output.describe.DescribeContext;
import io.korch.cli.output.describe.EventHistory;
import io.korch.cli.output.describe.PodDescriber;
import io.korch.cli.testing.Cli;
import io.korch.testkit.Pods;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code korch describe pod} shows probes, mounts, the last state of a restarted container and the pod's volumes. */
class PodDetailsDescribeTest {

    private static final DescribeContext AT = new DescribeContext(Cli.NOW, ZoneOffset.UTC);

    @Test
    void describesProbesMountsLastStateAndVolumes() {
        Pod base = Pods.pod("web").build();
        Container main = Container.newBuilder(base.getSpec().getContainers().get(0))
                .setLivenessProbe(Probe.newBuilder()
                        .setHttpGet(HTTPGetAction.newBuilder().setPath("/healthz").setPort("8080").build())
                        .setInitialDelaySeconds(3).build())
                .setReadinessProbe(Probe.newBuilder()
                        .setExec(ExecAction.newBuilder().setCommand(List.of("cat", "/tmp/healthy")).build())
                        .setPeriodSeconds(5).build())
                .setVolumeMounts(List.of(
                        VolumeMount.newBuilder().setName("data").setMountPath("/data").build(),
                        VolumeMount.newBuilder().setName("config").setMountPath("/etc/config").setReadOnly(true).build()))
                .build();
        ContainerStatus status = ContainerStatus.newBuilder().setName("main").setImage("busybox").setReady(true)
                .setRestartCount(1)
                .setState(ContainerState.newBuilder().setRunning(ContainerStateRunning.newBuilder()
                        .setStartedAt(Cli.NOW.minusSeconds(60)).build()).build())
                .setLastState(ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder()
                        .setExitCode(1).setReason("Error").setStartedAt(Cli.NOW.minusSeconds(120))
                        .setFinishedAt(Cli.NOW.minusSeconds(90)).build()).build())
                .build();
        Pod pod = Pod.newBuilder(base)
                .setSpec(withVolumes(io.korch.api.PodSpec.newBuilder(base.getSpec()).setContainers(List.of(main)).build()))
                .setStatus(PodStatus.newBuilder().setPhase("Running").setContainerStatuses(List.of(status)).build())
                .build();

        String report = PodDescriber.describe(pod, EventHistory.of(List.of()), AT);

        assertThat(report).contains(
                "Last State:     Terminated",
                "Reason:       Error",
                "Exit Code:    1",
                "Liveness:       http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3",
                "Readiness:      exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3",
                "Mounts:\n      /data from data (rw)\n      /etc/config from config (ro)");
        assertThat(report).containsPattern("Volumes:\n  data:\n    Type: +EmptyDir \\(a temporary directory that shares a pod's lifetime\\)\n");
    }

    /** The volume {@code data}. */
    private static io.korch.api.PodSpec withVolumes(io.korch.api.PodSpec spec) {
        spec.setVolumes(new ArrayList<>(List.of(
                Volume.newBuilder().setName("data").setEmptyDir(EmptyDirVolumeSource.newBuilder().build()).build())));
        return spec;
    }
}

package io.korch.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.PodStatuses;
import io.korch.api.ContainerStatus;
import io.korch.api.PodCondition;
import io.korch.api.PodStatusReport;
import io.korch.testkit.Pods;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status a hollow node reports for an assigned pod. */
class RunningStatusTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");

    @Test
    void reportsEveryContainerRunningAndThePodReady() {
        // given
        var pod = Pods.pod("web-1").namespace("shop").uid("u-1")
                .container("app", "serve").container("sidecar", "log").build();

        // when
        PodStatusReport report = RunningStatus.of("shop/web-1", pod, "hollow-4", NOW);

        // then
        assertThat(report.getPodUid()).isEqualTo("u-1");
        assertThat(report.getNodeName()).isEqualTo("hollow-4");
        assertThat(report.getStatus().getPhase()).isEqualTo(PodStatuses.RUNNING);
        assertThat(report.getStatus().getConditions())
                .filteredOn(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
                .extracting(PodCondition::getStatus)
                .containsExactly("True", "True");
        assertThat(report.getStatus().getContainerStatuses())
                .extracting(ContainerStatus::getName).containsExactly("app", "sidecar");
        assertThat(report.getStatus().getContainerStatuses())
                .allSatisfy(status -> {
                    assertThat(status.getReady()).isTrue();
                    assertThat(status.getState().getRunning().getStartedAt()).isEqualTo(NOW);
                    assertThat(status.getContainerID()).startsWith(RunningStatus.RUNTIME + "://u-1-");
                });
    }
}

package io.korch.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.ExecAction;
import io.korch.api.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe state machine of kubelet's probe workers, with times passed in: no threads, no clock. */
class ContainerProbesTest {

    private static final Duration AFTER_START = Duration.ofSeconds(30);

    @Test
    void defaultsAreKubernetes() {
        ProbeSettings settings = ProbeSettings.of(probe(), ProbeType.READINESS);

        assertThat(settings).isEqualTo(new ProbeSettings(Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(1), 1, 3));
    }

    @Test
    void livenessAndStartupNeedOneSuccessWhateverTheirThresholdSays() {
        Probe probe = probe();
        probe.setSuccessThreshold(3);

        assertThat(ProbeSettings.of(probe, ProbeType.LIVENESS).successThreshold()).isEqualTo(1);
        assertThat(ProbeSettings.of(probe, ProbeType.READINESS).successThreshold()).isEqualTo(3);
    }

    @Test
    void aContainerWithAReadinessProbeIsUnreadyUntilItSucceedsAndAfterFailureThresholdFailures() {
        ContainerProbes probes = new ContainerProbes(container(null, probe(), null));
        assertThat(probes.health().ready()).isFalse();
        assertThat(probes.health().started()).isTrue();

        assertThat(probes.record(ProbeType.READINESS, ProbeResult.SUCCESS)).isTrue();
        assertThat(probes.health().ready()).isTrue();

        assertThat(probes.record(ProbeType.READINESS, ProbeResult.FAILURE)).isFalse();
        assertThat(probes.record(ProbeType.READINESS, ProbeResult.FAILURE)).isFalse();
        assertThat(probes.health().ready()).isTrue();
        assertThat(probes.record(ProbeType.READINESS, ProbeResult.FAILURE)).isTrue();
        assertThat(probes.health().ready()).isFalse();
        assertThat(probes.health().mustKill()).isFalse();

        assertThat(probes.record(ProbeType.READINESS, ProbeResult.SUCCESS)).isTrue();
        assertThat(probes.health().ready()).isTrue();
    }

    @Test
    void failuresCountOnlyInARowAndErrorsDoNotCount() {
        ContainerProbes probes = new ContainerProbes(container(probe(), null, null));

        probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE);
        probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE);
        probes.record(ProbeType.LIVENESS, ProbeResult.SUCCESS);
        probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE);
        probes.record(ProbeType.LIVENESS, ProbeResult.UNKNOWN);
        probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE);
        assertThat(probes.health().mustKill()).isFalse();

        assertThat(probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE)).isTrue();
        assertThat(probes.health().killMessage()).isEqualTo("Container main failed liveness probe");
        assertThat(probes.health().ready()).isTrue(); // no readiness probe
    }

    @Test
    void aFailedLivenessProbeIsPutOnHoldUntilTheNextRun() {
        ContainerProbes probes = new ContainerProbes(container(threshold(probe(), 1), null, null));

        probes.record(ProbeType.LIVENESS, ProbeResult.FAILURE);

        assertThat(probes.due(ProbeType.LIVENESS, AFTER_START)).isFalse();
        assertThat(probes.record(ProbeType.LIVENESS, ProbeResult.SUCCESS)).isFalse();
        assertThat(probes.health().mustKill()).isTrue();
    }

    @Test
    void noProbeIsDueDuringTheInitialDelay() {
        Probe probe = probe();
        probe.setInitialDelaySeconds(5);
        ContainerProbes probes = new ContainerProbes(container(probe, null, null));

        assertThat(probes.due(ProbeType.LIVENESS, Duration.ofMillis(4999))).isFalse();
        assertThat(probes.due(ProbeType.LIVENESS, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aStartupProbeHoldsLivenessAndReadinessUntilItSucceedsThenStops() {
        ContainerProbes probes = new ContainerProbes(container(probe(), probe(), probe()));
        assertThat(probes.health().started()).isFalse();
        assertThat(probes.due(ProbeType.STARTUP, AFTER_START)).isTrue();
        assertThat(probes.due(ProbeType.LIVENESS, AFTER_START)).isFalse();
        assertThat(probes.due(ProbeType.READINESS, AFTER_START)).isFalse();

        probes.record(ProbeType.STARTUP, ProbeResult.SUCCESS);

        assertThat(probes.health().started()).isTrue();
        assertThat(probes.health().ready()).isFalse();
        assertThat(probes.due(ProbeType.STARTUP, AFTER_START)).isFalse();
        assertThat(probes.due(ProbeType.LIVENESS, AFTER_START)).isTrue();
        assertThat(probes.due(ProbeType.READINESS, AFTER_START)).isTrue();
    }

    @Test
    void aStartupProbePastItsFailureThresholdKillsWithItsOwnGracePeriod() {
        Probe startup = threshold(probe(), 2);
        startup.setTerminationGracePeriodSeconds(3L);
        ContainerProbes probes = new ContainerProbes(container(probe(), null, startup));

        probes.record(ProbeType.STARTUP, ProbeResult.FAILURE);
        assertThat(probes.health().mustKill()).isFalse();
        probes.record(ProbeType.STARTUP, ProbeResult.FAILURE);

        assertThat(probes.health()).isEqualTo(new ContainerHealth(false, false,
                "Container main failed startup probe", Duration.ofSeconds(3)));
    }

    @Test
    void theInitialHealthOfAContainerFollowsItsProbes() {
        assertThat(ContainerHealth.initial(container(null, null, null)))
                .isEqualTo(new ContainerHealth(true, true, null, null));
        assertThat(ContainerHealth.initial(container(probe(), probe(), null)))
                .isEqualTo(new ContainerHealth(true, false, null, null));
        assertThat(ContainerHealth.initial(container(null, null, probe())))
                .isEqualTo(new ContainerHealth(false, false, null, null));
    }

    @Test
    void theSameFailureIsToldOnceAMinuteAndANewOneAtOnce() {
        EventThrottle throttle = new EventThrottle();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(throttle.failed("Readiness probe failed: a", t0)).isTrue();
        assertThat(throttle.failed("Readiness probe failed: a", t0.plusSeconds(59))).isFalse();
        assertThat(throttle.failed("Readiness probe failed: b", t0.plusSeconds(59))).isTrue();
        assertThat(throttle.failed("Readiness probe failed: b", t0.plusSeconds(119))).isTrue();
        throttle.succeeded();
        assertThat(throttle.failed("Readiness probe failed: b", t0.plusSeconds(120))).isTrue();
    }

    @Test
    void probesDialOnlyLoopbackOrTheContainersOwnAddress() {
        assertThat(ProbeTargets.resolve(null, "172.17.0.5")).contains("172.17.0.5");
        assertThat(ProbeTargets.resolve("172.17.0.5", "172.17.0.5")).contains("172.17.0.5");
        assertThat(ProbeTargets.resolve("127.0.0.9", "172.17.0.5")).contains("127.0.0.9");
        assertThat(ProbeTargets.resolve("localhost", null)).contains("127.0.0.1");
        assertThat(ProbeTargets.resolve("172.17.0.6", "172.17.0.5")).isEmpty();
        assertThat(ProbeTargets.resolve("10.0.0.1", "172.17.0.5")).isEmpty();
        assertThat(ProbeTargets.resolve("example.com", "172.17.0.5")).isEmpty();
        assertThat(ProbeTargets.resolve("127.0.0.1.example.com", null)).isEmpty();
        assertThat(ProbeTargets.resolve(null, null)).isEmpty();
    }

    @Test
    void aPortIsGivenByNumberOrByTheNameOfAContainerPort() {
        Container container = container(null, null, null);
        container.setPorts(List.of(ContainerPort.newBuilder().setName("http").setContainerPort(8080).build()));

        assertThat(ContainerChecks.port("81", container)).isEqualTo(81);
        assertThat(ContainerChecks.port("http", container)).isEqualTo(8080);
    }

    static Probe probe() {
        return Probe.newBuilder().setExec(ExecAction.newBuilder().setCommand(List.of("true")).build()).build();
    }

    private static Probe threshold(Probe probe, int failures) {
        probe.setFailureThreshold(failures);
        return probe;
    }

    private static Container container(Probe liveness, Probe readiness, Probe startup) {
        return Container.newBuilder().setName("main").setImage("korch/busybox:latest")
                .setLivenessProbe(liveness).setReadinessProbe(readiness).setStartupProbe(startup).build();
    }
}

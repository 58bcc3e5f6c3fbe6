package io.korch.agent.probe;

import io.korch.api.Probe;
import java.time.Duration;

/**
 * A probe's timing and thresholds with Kubernetes' defaults filled in: no initial delay, a period of 10 s,
 * a timeout of 1 s, one success and three failures to change the result. Liveness and startup probes
 * always need one success only.
 */
public record ProbeSettings(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                            int failureThreshold) {

    /** The settings of {@code probe} used as a {@code type} probe. */
    public static ProbeSettings of(Probe probe, ProbeType type) {
        int success = type == ProbeType.READINESS ? positive(probe.getSuccessThreshold(), 1) : 1;
        return new ProbeSettings(
                Duration.ofSeconds(Math.max(0, orElse(probe.getInitialDelaySeconds(), 0))),
                Duration.ofSeconds(positive(probe.getPeriodSeconds(), 10)),
                Duration.ofSeconds(positive(probe.getTimeoutSeconds(), 1)),
                success,
                positive(probe.getFailureThreshold(), 3));
    }

    private static int positive(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

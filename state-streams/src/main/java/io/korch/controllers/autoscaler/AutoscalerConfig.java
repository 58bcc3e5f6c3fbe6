package io.korch.controllers.autoscaler;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the autoscaler controller runs.
 *
 * @param server                 the API gateway whose {@code scale} subresources it sets
 * @param syncPeriod             how often every autoscaler is synced (--horizontal-pod-autoscaler-sync-period)
 * @param scaleDownStabilization the scale-down stabilization window of autoscalers that set none
 *                               (--horizontal-pod-autoscaler-downscale-stabilization)
 * @param tolerance              how far from 1 the usage ratio must be before anything changes
 */
public record AutoscalerConfig(URI server, Duration syncPeriod, Duration scaleDownStabilization, double tolerance) {

    /** Kubernetes' sync period: 15 s. */
    public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);
    /** Kubernetes' scale-down stabilization: 5 minutes. */
    public static final Duration DEFAULT_SCALE_DOWN_STABILIZATION = Duration.ofMinutes(5);
    /** The gateway of a machine running korch with its default port. */
    public static final URI DEFAULT_SERVER = URI.create("http://localhost:8080");

    public AutoscalerConfig {
        Objects.requireNonNull(server, "server");
        if (syncPeriod.isNegative() || syncPeriod.isZero()) {
            throw new IllegalArgumentException("the autoscaler sync period must be positive, not " + syncPeriod);
        }
        if (scaleDownStabilization.isNegative()) {
            throw new IllegalArgumentException("the scale-down stabilization window must not be negative");
        }
    }

    /** Kubernetes' defaults, scaling through {@code server}. */
    public static AutoscalerConfig defaults(URI server) {
        return new AutoscalerConfig(server, DEFAULT_SYNC_PERIOD, DEFAULT_SCALE_DOWN_STABILIZATION,
                ReplicaCalculator.DEFAULT_TOLERANCE);
    }
}

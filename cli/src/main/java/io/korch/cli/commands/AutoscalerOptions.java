package io.korch.cli.commands;

import io.korch.controllers.autoscaler.AutoscalerConfig;
import io.korch.controllers.autoscaler.ReplicaCalculator;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The autoscaler controller's options of the commands that run the controllers (controllers,
 * dev), with the defaults of Kubernetes' {@code --horizontal-pod-autoscaler-*} flags.
 */
public final class AutoscalerOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--hpa-sync-period", paramLabel = "DURATION", defaultValue = "15s",
            converter = Converters.DurationConverter.class,
            description = "How often every HorizontalPodAutoscaler is synced (default: ${DEFAULT-VALUE}).")
    Duration syncPeriod;

    @Option(names = "--hpa-downscale-stabilization", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description = "How far back a scale-down looks for higher recommendations, for autoscalers that set no"
                    + " window of their own (default: ${DEFAULT-VALUE}).")
    Duration downscaleStabilization;

    public Duration syncPeriod() {
        return syncPeriod;
    }

    public Duration downscaleStabilization() {
        return downscaleStabilization;
    }

    /**
     * The autoscaler controller's settings, scaling through the gateway at {@code server}.
     *
     * @throws ParameterException naming the option when a duration is out of range
     */
    public AutoscalerConfig config(URI server) {
        try {
            return new AutoscalerConfig(server, syncPeriod, downscaleStabilization, ReplicaCalculator.DEFAULT_TOLERANCE);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid autoscaler options: " + e.getMessage(), e);
        }
    }
}

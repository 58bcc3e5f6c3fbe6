package io.korch.model;

import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStrategy;
import io.korch.api.RollingUpdateDeployment;

/**
 * What Kubernetes fills in on a Deployment before it validates and stores it: strategy
 * {@code RollingUpdate} with {@code maxSurge} and {@code maxUnavailable} 25 %,
 * {@code revisionHistoryLimit} 10 and {@code progressDeadlineSeconds} 600 ({@code minReadySeconds}
 * and {@code paused} stay unset, meaning 0 and false). The gateway stores Deployments so, the deployment controller reads their
 * rollout bounds through it, and {@code korch apply} compares a manifest so defaulted with the live
 * object.
 */
public final class DeploymentDefaults {

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";
    public static final String DEFAULT_MAX_SURGE = "25%";
    public static final String DEFAULT_MAX_UNAVAILABLE = "25%";
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    private DeploymentDefaults() {
    }

    /** {@code deployment} with what Kubernetes defaults filled in. Pure; never changes {@code deployment}. */
    public static Deployment defaulted(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec();
        if (spec == null) {
            return deployment;
        }
        DeploymentStrategy strategy = spec.getStrategy();
        String type = strategy == null || strategy.getType() == null || strategy.getType().isEmpty()
                ? ROLLING_UPDATE : strategy.getType();
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        if (ROLLING_UPDATE.equals(type)) {
            rolling = RollingUpdateDeployment.newBuilder()
                    .setMaxSurge(rolling == null || rolling.getMaxSurge() == null ? DEFAULT_MAX_SURGE : rolling.getMaxSurge())
                    .setMaxUnavailable(rolling == null || rolling.getMaxUnavailable() == null
                            ? DEFAULT_MAX_UNAVAILABLE : rolling.getMaxUnavailable())
                    .build();
        }
        DeploymentSpec defaulted = DeploymentSpec.newBuilder(spec)
                .setStrategy(DeploymentStrategy.newBuilder().setType(type).setRollingUpdate(rolling).build())
                .setRevisionHistoryLimit(spec.getRevisionHistoryLimit() == null
                        ? DEFAULT_REVISION_HISTORY_LIMIT : spec.getRevisionHistoryLimit())
                .setProgressDeadlineSeconds(spec.getProgressDeadlineSeconds() == null
                        ? DEFAULT_PROGRESS_DEADLINE_SECONDS : spec.getProgressDeadlineSeconds())
                .build();
        return Deployment.newBuilder(deployment).setSpec(defaulted).build();
    }

    /** Whether the Deployment replaces its pods all at once ({@code Recreate}) rather than gradually. */
    public static boolean recreates(DeploymentSpec spec) {
        return spec.getStrategy() != null && RECREATE.equals(spec.getStrategy().getType());
    }

    /** Whether the Deployment is paused. */
    public static boolean paused(DeploymentSpec spec) {
        return Boolean.TRUE.equals(spec.getPaused());
    }

    /**
     * The rollout's bounds for {@code replicas} desired pods, as Kubernetes resolves them: maxSurge
     * rounded up, maxUnavailable rounded down, and when both come to 0, one pod may be unavailable.
     * A Recreate Deployment has neither (it scales its old pods to zero before it starts new ones),
     * and nor has one of zero replicas.
     */
    public static RolloutBounds bounds(DeploymentSpec spec, int replicas) {
        if (recreates(spec)) {
            return new RolloutBounds(0, 0);
        }
        RollingUpdateDeployment rolling = spec.getStrategy() == null ? null : spec.getStrategy().getRollingUpdate();
        String surge = rolling == null || rolling.getMaxSurge() == null ? DEFAULT_MAX_SURGE : rolling.getMaxSurge();
        String unavailable = rolling == null || rolling.getMaxUnavailable() == null
                ? DEFAULT_MAX_UNAVAILABLE : rolling.getMaxUnavailable();
        int maxSurge = IntOrPercent.valid(surge) ? IntOrPercent.scaled(surge, replicas, true) : 0;
        int maxUnavailable = IntOrPercent.valid(unavailable) ? IntOrPercent.scaled(unavailable, replicas, false) : 0;
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        return new RolloutBounds(maxSurge, replicas == 0 ? 0 : Math.min(maxUnavailable, replicas));
    }

    /**
     * How far a rollout may stray from the desired number of pods.
     *
     * @param maxSurge       pods allowed above the desired number
     * @param maxUnavailable pods allowed to be unavailable below it
     */
    public record RolloutBounds(int maxSurge, int maxUnavailable) {
    }
}

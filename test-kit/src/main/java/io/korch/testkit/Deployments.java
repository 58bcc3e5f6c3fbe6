package io.korch.testkit;

import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStatus;
import io.korch.api.DeploymentStrategy;
import io.korch.api.RollingUpdateDeployment;
import java.time.Instant;

/**
 * Builds Deployments for tests: {@code Deployments.deployment("web").replicas(3).image("nginx:1.27").build()}.
 * A Deployment has uid {@code deployment-uid-<name>}, generation 1, 3 replicas and was created on
 * 2025-01-01 unless told otherwise (see {@link Workloads}).
 */
public final class Deployments extends Workloads<Deployments, Deployment> {

    private String strategy;
    private RollingUpdateDeployment rollingUpdate;
    private DeploymentStatus status;

    private Deployments(String name) {
        super(name, "deployment-uid-" + name, Instant.parse("2025-01-01T00:00:00Z"));
    }

    public static Deployments deployment(String name) {
        return new Deployments(name);
    }

    /** The strategy type, such as {@code Recreate}; none by default. */
    public Deployments strategy(String type) {
        this.strategy = type;
        return this;
    }

    /** A rolling update's bounds, each a count or a percentage ({@code "25%"}); null leaves one unset. */
    public Deployments rollingUpdate(String maxSurge, String maxUnavailable) {
        this.rollingUpdate = RollingUpdateDeployment.newBuilder()
                .setMaxSurge(maxSurge).setMaxUnavailable(maxUnavailable).build();
        return this;
    }

    /** Its status, as the deployment controller publishes it; none by default. */
    public Deployments status(DeploymentStatus status) {
        this.status = status;
        return this;
    }

    @Override
    public Deployment build() {
        return Deployment.newBuilder()
                .setMetadata(meta())
                .setSpec(DeploymentSpec.newBuilder()
                        .setReplicas(replicas())
                        .setSelector(labelSelector())
                        .setTemplate(podTemplate())
                        .setStrategy(strategy == null && rollingUpdate == null ? null
                                : DeploymentStrategy.newBuilder().setType(strategy).setRollingUpdate(rollingUpdate).build())
                        .build())
                .setStatus(status)
                .build();
    }
}

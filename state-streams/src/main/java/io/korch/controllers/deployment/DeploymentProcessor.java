package io.korch.controllers.deployment;

import io.korch.api.Deployment;
import io.korch.controllers.Identity;
import io.korch.controllers.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each record of {@code korch.deployments} into the store {@value DeploymentController#DEPLOYMENTS_STORE}
 * (a tombstone removes it) and reconciles that Deployment; reconciles, too, those whose rollout passed
 * its progress deadline.
 */
final class DeploymentProcessor extends DeploymentInputProcessor<Deployment> {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentProcessor.class);

    DeploymentProcessor(Ids ids) {
        super(ids, DeploymentSync::deployments);
    }

    /** Looks for rollouts past their progress deadline every {@link DeploymentController#DEADLINE_CHECK_INTERVAL}. */
    @Override
    boolean checksDeadlines() {
        return true;
    }

    /** The record's own key, unless its metadata names another Deployment. */
    @Override
    String deploymentKey(DeploymentSync sync, String key, Deployment deployment) {
        if (deployment != null && !Identity.matches(key, deployment.getMetadata())) {
            LOG.warn("dropped the record at key {}: its metadata names {}/{}", key,
                    deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
            return null;
        }
        return key;
    }
}

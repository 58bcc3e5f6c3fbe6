package io.korch.gateway.validation;

import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.model.Names;
import java.util.List;

/** Validates a Deployment: what a ReplicaSet needs, plus its update strategy and history limit. */
public final class DeploymentValidator implements Validator<Deployment> {

    static final List<String> STRATEGIES = List.of("RollingUpdate", "Recreate");

    @Override
    public List<Cause> validate(Deployment deployment) {
        Causes causes = new Causes();
        MetadataRules.validate(deployment.getMetadata(), Names::checkDns1123Subdomain, causes);
        DeploymentSpec spec = deployment.getSpec();
        WorkloadRules.validate("deployment", spec.getReplicas(), spec.getMinReadySeconds(), spec.getSelector(),
                spec.getTemplate(), causes);
        if (spec.getStrategy() != null && spec.getStrategy().getType() != null
                && !STRATEGIES.contains(spec.getStrategy().getType())) {
            causes.notSupported("spec.strategy.type", spec.getStrategy().getType(), STRATEGIES);
        }
        WorkloadRules.nonNegative("spec.revisionHistoryLimit", spec.getRevisionHistoryLimit(), causes);
        return causes.list();
    }
}

package io.korch.gateway.validation;

import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;
import io.korch.model.Names;
import java.util.List;

/** Validates a ReplicaSet: metadata, replicas, and a selector that matches its pod template. */
public final class ReplicaSetValidator implements Validator<ReplicaSet> {

    @Override
    public List<Cause> validate(ReplicaSet replicaSet) {
        Causes causes = new Causes();
        MetadataRules.validate(replicaSet.getMetadata(), Names::checkDns1123Subdomain, causes);
        ReplicaSetSpec spec = replicaSet.getSpec();
        WorkloadRules.validate("replicaset", spec.getReplicas(), spec.getMinReadySeconds(), spec.getSelector(),
                spec.getTemplate(), causes);
        return causes.list();
    }
}

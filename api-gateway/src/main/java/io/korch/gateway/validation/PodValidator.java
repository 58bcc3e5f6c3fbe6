package io.korch.gateway.validation;

import io.korch.api.Pod;
import io.korch.model.Names;
import java.util.List;

/** Validates a Pod: its metadata and its spec, with any restart policy. */
public final class PodValidator implements Validator<Pod> {

    @Override
    public List<Cause> validate(Pod pod) {
        Causes causes = new Causes();
        MetadataRules.validate(pod.getMetadata(), Names::checkDns1123Subdomain, causes);
        PodSpecRules.validate(pod.getSpec(), "spec", PodSpecRules.POD_RESTART_POLICIES, causes);
        return causes.list();
    }
}

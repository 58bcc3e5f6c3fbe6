package io.korch.gateway.validation;

import io.korch.api.ServiceAccount;
import io.korch.model.Names;
import java.util.List;

/** Validates a ServiceAccount: a DNS-1123 subdomain as its name, and named references to its secrets. */
public final class ServiceAccountValidator implements Validator<ServiceAccount> {

    @Override
    public List<Cause> validate(ServiceAccount serviceAccount) {
        Causes causes = new Causes();
        MetadataRules.validate(serviceAccount.getMetadata(), Names::checkDns1123Subdomain, causes);
        for (int i = 0; i < serviceAccount.getImagePullSecrets().size(); i++) {
            String name = serviceAccount.getImagePullSecrets().get(i).getName();
            if (name == null || name.isEmpty()) {
                causes.required("imagePullSecrets[" + i + "].name");
            }
        }
        return causes.list();
    }
}

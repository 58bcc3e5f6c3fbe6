package io.korch.gateway.validation;

import io.korch.api.Namespace;
import io.korch.model.Names;
import java.util.List;

/** Validates a Namespace: a DNS-1123 label as its name, and valid labels and annotations. */
public final class NamespaceValidator implements Validator<Namespace> {

    @Override
    public List<Cause> validate(Namespace namespace) {
        Causes causes = new Causes();
        MetadataRules.validate(namespace.getMetadata(), Names::checkDns1123Label, causes);
        return causes.list();
    }
}

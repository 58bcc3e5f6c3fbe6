package io.korch.gateway.validation;

import io.korch.api.Node;
import io.korch.model.Names;
import java.util.List;

/**
 * Validates what a user declares about a Node: a DNS-1123 subdomain as its name, and valid labels
 * and annotations. {@code spec.unschedulable} needs no rule; everything else a declaration could
 * carry is dropped by {@link io.korch.gateway.resource.NodeStore#declaration}.
 */
public final class NodeValidator implements Validator<Node> {

    @Override
    public List<Cause> validate(Node node) {
        Causes causes = new Causes();
        MetadataRules.validate(node.getMetadata(), Names::checkDns1123Subdomain, causes);
        return causes.list();
    }
}

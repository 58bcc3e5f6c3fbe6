package io.korch.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.ApiClient;
import io.korch.cli.manifest.ManifestObject;
import io.korch.model.ApiKind;

/**
 * Applies one manifest object through the API: GET the live object, decide with
 * {@link ApplyDecision}, then POST it, PUT it with the live {@code resourceVersion} (so a
 * concurrent change is refused rather than overwritten), or do nothing.
 */
public final class Applier {

    private final ApiClient client;

    public Applier(ApiClient client) {
        this.client = client;
    }

    /**
     * Applies {@code object} in {@code namespace} (null for cluster-wide kinds).
     *
     * @return what was done
     * @throws io.korch.cli.client.ApiException when the server refuses
     */
    public ApplyDecision.Action apply(ManifestObject object, String namespace) {
        ApiKind kind = object.kind();
        String path = kind.objectPath(namespace, object.name());
        JsonNode live = client.find(path).orElse(null);
        ApplyDecision decision = ApplyDecision.decide(object, namespace, live);
        switch (decision.action()) {
            case CREATE -> client.post(kind.collectionPath(namespace), decision.body());
            case REPLACE -> client.put(path, decision.body());
            case NONE -> {
                // already as declared
            }
        }
        return decision.action();
    }
}

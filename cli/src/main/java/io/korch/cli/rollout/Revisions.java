package io.korch.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.cli.client.ApiClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The revisions of one Deployment: the ReplicaSets it controls, each numbered by its
 * {@code deployment.kubernetes.io/revision} annotation, as {@code kubectl rollout history} and
 * {@code undo} find them — listed by the Deployment's selector, kept when their controller
 * reference is the Deployment's uid.
 */
public final class Revisions {

    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    public static final String CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
    private static final String HASH_LABEL = "pod-template-hash";

    private final List<JsonNode> replicaSets;

    private Revisions(List<JsonNode> replicaSets) {
        this.replicaSets = replicaSets;
    }

    /** The revisions of {@code deployment}, read through {@code client}. */
    public static Revisions of(ApiClient client, JsonNode deployment) {
        String namespace = deployment.path("metadata").path("namespace").asText();
        String uid = deployment.path("metadata").path("uid").asText();
        StringJoiner selector = new StringJoiner(",");
        deployment.path("spec").path("selector").path("matchLabels").properties()
                .forEach(label -> selector.add(label.getKey() + "=" + label.getValue().asText()));
        JsonNode list = client.get(ApiClient.withQuery("/apis/apps/v1/namespaces/" + namespace + "/replicasets",
                Map.of("labelSelector", selector.toString())));
        List<JsonNode> owned = new ArrayList<>();
        for (JsonNode replicaSet : list.path("items")) {
            for (JsonNode owner : replicaSet.path("metadata").path("ownerReferences")) {
                if (owner.path("controller").asBoolean(false) && uid.equals(owner.path("uid").asText())) {
                    owned.add(replicaSet);
                }
            }
        }
        owned.sort(Comparator.comparingLong(Revisions::revision));
        return new Revisions(owned);
    }

    /** The ReplicaSets, lowest revision first. */
    public List<JsonNode> replicaSets() {
        return replicaSets;
    }

    /** The ReplicaSet of {@code revision}. */
    public Optional<JsonNode> revision(long revision) {
        return replicaSets.stream().filter(rs -> revision(rs) == revision).findFirst();
    }

    /** The ReplicaSet of the revision before the latest: where {@code undo} goes without {@code --to-revision}. */
    public Optional<JsonNode> previous() {
        return replicaSets.size() < 2 ? Optional.empty() : Optional.of(replicaSets.get(replicaSets.size() - 2));
    }

    /** The revision number of {@code replicaSet}; 0 when it has none. */
    public static long revision(JsonNode replicaSet) {
        String revision = replicaSet.path("metadata").path("annotations").path(REVISION_ANNOTATION).asText("");
        return revision.matches("[0-9]{1,18}") ? Long.parseLong(revision) : 0;
    }

    /** The change cause of {@code replicaSet}, or {@code <none>}. */
    public static String changeCause(JsonNode replicaSet) {
        JsonNode cause = replicaSet.path("metadata").path("annotations").path(CHANGE_CAUSE_ANNOTATION);
        return cause.isTextual() ? cause.asText() : "<none>";
    }

    /** The pod template of {@code replicaSet} as its Deployment declared it: without the {@code pod-template-hash} label. */
    public static ObjectNode template(JsonNode replicaSet) {
        ObjectNode template = replicaSet.path("spec").path("template").deepCopy();
        JsonNode labels = template.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelObject) {
            labelObject.remove(HASH_LABEL);
        }
        return template;
    }
}

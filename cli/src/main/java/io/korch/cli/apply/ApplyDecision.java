package io.korch.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Deployment;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.Secret;
import io.korch.api.Service;
import io.korch.cli.manifest.ManifestObject;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.AutoscalerDefaults;
import io.korch.model.DeploymentDefaults;
import io.korch.model.SecretData;
import io.korch.model.ServiceDefaults;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code korch apply} must do with one object, decided from the manifest and the live object
 * alone: create it, replace it, or leave it as it is. Pure and idempotent: the same manifest and
 * the same live object always give the same decision, and applying twice changes nothing more.
 *
 * <p>An object is unchanged when its labels, annotations and every other top-level field but the status
 * ({@code spec}, a ConfigMap's {@code data}, a Secret's {@code data} with its {@code stringData} merged in)
 * equal the live ones; the status
 * and the metadata the server assigns (uid, resourceVersion, timestamps) are not compared. Two
 * fields are left to the cluster when the manifest omits them, as {@code kubectl apply} does: the
 * node a pod was bound to and its defaulted service account are not compared, and the live {@code spec.replicas} of a Deployment or
 * ReplicaSet is kept, so a manifest without replicas does not undo {@code korch scale}. Deployment,
 * HorizontalPodAutoscaler and Service manifests are compared as the server stores them (with
 * Kubernetes' defaults filled in: {@link DeploymentDefaults}, {@link AutoscalerDefaults},
 * {@link ServiceDefaults}), and the cluster IPs and node ports the server allocated a Service are
 * not compared when the manifest leaves them out; a replace without them keeps them. A replace
 * carries the live {@code resourceVersion} (optimistic concurrency), except for nodes, whose
 * version moves with every heartbeat.
 *
 * @param action what to do
 * @param body   the request body for {@link Action#CREATE} and {@link Action#REPLACE}, else null
 */
public record ApplyDecision(Action action, ObjectNode body) {

    /** The top-level fields that say nothing of the intent: identity, server metadata, status. */
    private static final Set<String> NOT_COMPARED = Set.of("apiVersion", "kind", "metadata", "status");
    /** Pod spec fields the cluster fills in when a manifest leaves them out: the node, the service account. */
    private static final List<String> POD_FIELDS_FILLED_IN = List.of("nodeName", "serviceAccountName", "serviceAccount");

    /** The three outcomes, with the word {@code apply} prints for each. */
    public enum Action {
        CREATE("created"), REPLACE("configured"), NONE("unchanged");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        /** {@code created}, {@code configured} or {@code unchanged}. */
        public String verb() {
            return verb;
        }
    }

    /**
     * Decides for {@code local} going to {@code namespace} (null for cluster-wide kinds), given
     * the {@code live} object as the API serves it, or null when there is none.
     */
    public static ApplyDecision decide(ManifestObject local, String namespace, JsonNode live) {
        ObjectNode desired = ApiJson.write(local.object());
        desired.remove("status");
        ObjectNode metadata = (ObjectNode) desired.get("metadata");
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        if (live == null) {
            metadata.remove("resourceVersion");
            return new ApplyDecision(Action.CREATE, desired);
        }
        keepLiveReplicas(local.kind(), desired, live);
        if (sameIntent(local.kind(), desired, live)) {
            return new ApplyDecision(Action.NONE, null);
        }
        JsonNode resourceVersion = live.path("metadata").get("resourceVersion");
        // a node's version moves with every heartbeat of its agent, so a node declaration is last-writer-wins
        if (local.kind() != ApiKind.NODE && resourceVersion != null && !resourceVersion.isNull()) {
            metadata.put("resourceVersion", resourceVersion.asText());
        } else {
            metadata.remove("resourceVersion");
        }
        return new ApplyDecision(Action.REPLACE, desired);
    }

    private static boolean sameIntent(ApiKind kind, ObjectNode desired, JsonNode live) {
        if (!Objects.equals(desired.path("metadata").get("labels"), live.path("metadata").get("labels"))
                || !Objects.equals(desired.path("metadata").get("annotations"), liveAnnotations(desired, live))) {
            return false;
        }
        ObjectNode intended = kind == ApiKind.SECRET ? storedSecret(desired)
                : kind == ApiKind.SERVICE ? storedService(desired)
                : kind == ApiKind.DEPLOYMENT ? storedDeployment(desired)
                : kind == ApiKind.HORIZONTALPODAUTOSCALER ? storedAutoscaler(desired) : desired;
        Set<String> fields = new TreeSet<>();
        intended.fieldNames().forEachRemaining(fields::add);
        live.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(NOT_COMPARED);
        for (String field : fields) {
            JsonNode liveValue = field.equals("spec") ? liveSpec(kind, desired, live) : live.get(field);
            if (!Objects.equals(intended.get(field), liveValue)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The live object's annotations without those the server adds and the manifest leaves out (a
     * Deployment's {@code deployment.kubernetes.io/revision}), or null when none is left.
     */
    private static JsonNode liveAnnotations(ObjectNode desired, JsonNode live) {
        JsonNode annotations = live.path("metadata").get("annotations");
        if (!(annotations instanceof ObjectNode liveAnnotations)
                || desired.path("metadata").path("annotations").has(DeploymentDefaults.REVISION_ANNOTATION)) {
            return annotations;
        }
        ObjectNode kept = liveAnnotations.deepCopy();
        kept.remove(DeploymentDefaults.REVISION_ANNOTATION);
        return kept.isEmpty() && !desired.path("metadata").has("annotations") ? null : kept;
    }

    /** A Secret manifest as the server stores it: stringData merged into data, the type defaulted. */
    private static ObjectNode storedSecret(ObjectNode desired) {
        return ApiJson.write(SecretData.defaulted(ApiJson.read(desired, Secret.class)));
    }

    /** A Deployment manifest with what the server defaults filled in. */
    private static ObjectNode storedDeployment(ObjectNode desired) {
        return ApiJson.write(DeploymentDefaults.defaulted(ApiJson.read(desired, Deployment.class)));
    }

    /** A HorizontalPodAutoscaler manifest with what the server defaults filled in (behavior rules, metrics, minReplicas). */
    private static ObjectNode storedAutoscaler(ObjectNode desired) {
        return ApiJson.write(AutoscalerDefaults.defaulted(ApiJson.read(desired, HorizontalPodAutoscaler.class)));
    }

    /** A Service manifest with what the server defaults filled in. */
    private static ObjectNode storedService(ObjectNode desired) {
        return ApiJson.write(ServiceDefaults.defaulted(ApiJson.read(desired, Service.class)));
    }

    /**
     * The live spec of a Service without the values the server allocated where the manifest
     * leaves them out: the cluster IPs, and the node port of each port (ports matched by position).
     */
    private static JsonNode liveServiceSpec(ObjectNode desired, ObjectNode liveSpec) {
        JsonNode spec = desired.path("spec");
        ObjectNode copy = liveSpec.deepCopy();
        if (!spec.has("clusterIP") && !spec.has("clusterIPs")) {
            copy.remove("clusterIP");
            copy.remove("clusterIPs");
        }
        JsonNode ports = copy.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i) instanceof ObjectNode port && !spec.path("ports").path(i).has("nodePort")) {
                port.remove("nodePort");
            }
        }
        return copy;
    }

    /** Copies the live replicas into a Deployment or ReplicaSet whose manifest leaves them out. */
    private static void keepLiveReplicas(ApiKind kind, ObjectNode desired, JsonNode live) {
        if (kind != ApiKind.DEPLOYMENT && kind != ApiKind.REPLICASET) {
            return;
        }
        JsonNode liveReplicas = live.path("spec").get("replicas");
        if (desired.get("spec") instanceof ObjectNode spec && !spec.has("replicas") && liveReplicas != null) {
            spec.set("replicas", liveReplicas);
        }
    }

    /** The live spec without what the cluster filled in and the manifest left out. */
    private static JsonNode liveSpec(ApiKind kind, ObjectNode desired, JsonNode live) {
        JsonNode spec = live.get("spec");
        if (kind == ApiKind.SERVICE && spec instanceof ObjectNode liveServiceSpec) {
            return liveServiceSpec(desired, liveServiceSpec);
        }
        if (kind != ApiKind.POD || !(spec instanceof ObjectNode liveSpec)) {
            return spec;
        }
        ObjectNode copy = liveSpec.deepCopy();
        for (String filledIn : POD_FIELDS_FILLED_IN) {
            if (!desired.path("spec").has(filledIn)) {
                copy.remove(filledIn);
            }
        }
        return copy;
    }
}

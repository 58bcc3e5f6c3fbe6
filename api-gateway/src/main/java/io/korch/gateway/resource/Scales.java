package io.korch.gateway.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.ObjectMeta;
import io.korch.gateway.validation.Causes;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code scale} subresource of Deployments in the {@code autoscaling/v1 Scale} shape: how a
 * Deployment's replica count is read and changed without sending the whole object.
 */
public final class Scales {

    public static final String API_VERSION = "autoscaling/v1";
    public static final String KIND = "Scale";

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Scales() {
    }

    /**
     * A request to scale: the replica count asked for and, when given, the resourceVersion the
     * client read.
     */
    public record ScaleRequest(int replicas, String resourceVersion) {
    }

    /** The Scale of a served Deployment (status merged, resourceVersion set). */
    public static ObjectNode of(Deployment deployment) {
        ObjectMeta meta = deployment.getMetadata();
        ObjectNode scale = NODES.objectNode();
        scale.put("apiVersion", API_VERSION);
        scale.put("kind", KIND);
        ObjectNode metadata = scale.putObject("metadata");
        metadata.put("name", meta.getName());
        metadata.put("namespace", meta.getNamespace());
        metadata.put("uid", meta.getUid());
        metadata.put("resourceVersion", meta.getResourceVersion());
        JsonNode written = ApiJson.write(meta).get("creationTimestamp");
        if (written != null) {
            metadata.set("creationTimestamp", written);
        }
        DeploymentSpec spec = deployment.getSpec();
        scale.putObject("spec").put("replicas", spec.getReplicas() == null ? 1 : spec.getReplicas());
        ObjectNode status = scale.putObject("status");
        status.put("replicas", deployment.getStatus() == null ? 0 : deployment.getStatus().getReplicas());
        status.put("selector", Selector.of(spec.getSelector()).toString());
        return scale;
    }

    /**
     * Reads a Scale sent to the deployment {@code namespace}/{@code name}.
     *
     * @throws ApiError 422 when it is not a Scale of that deployment with {@code spec.replicas >= 0}
     */
    public static ScaleRequest read(JsonNode body, String namespace, String name) {
        Causes causes = new Causes();
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                causes.add(Causes.INVALID, field, "unknown field");
            }
        }
        expect(body.path("apiVersion"), "apiVersion", API_VERSION, causes);
        expect(body.path("kind"), "kind", KIND, causes);
        expect(body.path("metadata").path("name"), "metadata.name", name, causes);
        expect(body.path("metadata").path("namespace"), "metadata.namespace", namespace, causes);
        JsonNode replicas = body.path("spec").path("replicas");
        if (replicas.isMissingNode() || replicas.isNull()) {
            causes.required("spec.replicas");
        } else if (!replicas.canConvertToInt() || !replicas.isIntegralNumber()) {
            causes.invalid("spec.replicas", replicas.toString(), "must be an integer");
        } else if (replicas.intValue() < 0) {
            causes.invalid("spec.replicas", replicas.intValue(), "must be greater than or equal to 0");
        }
        if (!causes.isEmpty()) {
            throw ApiError.invalid(ApiKind.DEPLOYMENT, name, causes.list());
        }
        JsonNode resourceVersion = body.path("metadata").path("resourceVersion");
        return new ScaleRequest(replicas.intValue(), resourceVersion.isTextual() ? resourceVersion.textValue() : null);
    }

    /** {@code deployment} with {@code replicas}, carrying the resourceVersion the client read for the conflict check. */
    public static Deployment scaled(Deployment deployment, ScaleRequest request) {
        DeploymentSpec spec = ObjectRecords.with(deployment.getSpec(), "replicas", request.replicas());
        ObjectMeta meta = ObjectRecords.with(deployment.getMetadata(), "resourceVersion", request.resourceVersion());
        return ObjectRecords.with(ObjectRecords.with(deployment, "spec", spec), "metadata", meta);
    }

    /** Reports {@code value}, found at {@code path}, when it is present and not {@code expected}. */
    private static void expect(JsonNode value, String path, String expected, Causes causes) {
        if (!value.isMissingNode() && !value.isNull() && !expected.equals(value.asText())) {
            causes.invalid(path, value.asText(), "must be " + expected);
        }
    }
}

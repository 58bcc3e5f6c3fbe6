package io.korch.gateway.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.gateway.validation.Causes;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import java.util.Iterator;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code scale} subresource of Deployments and ReplicaSets in the {@code autoscaling/v1 Scale}
 * shape: how a workload's replica count is read and changed without sending the whole object, and
 * how an autoscaler learns its target's replicas and pod selector. Both kinds hold
 * {@code spec.replicas}, {@code spec.selector} and {@code status.replicas}; this reads and sets them
 * by name.
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

    /** The kinds served with a scale subresource. */
    public static final Set<ApiKind> KINDS = Set.of(ApiKind.DEPLOYMENT, ApiKind.REPLICASET);

    /** The Scale of a served Deployment or ReplicaSet (status merged, resourceVersion set). */
    public static ObjectNode of(SpecificRecord workload) {
        ObjectMeta meta = ObjectRecords.metadata(workload);
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
        SpecificRecord spec = (SpecificRecord) ObjectRecords.spec(workload);
        Integer replicas = (Integer) ObjectRecords.get(spec, "replicas");
        scale.putObject("spec").put("replicas", replicas == null ? 1 : replicas);
        ObjectNode status = scale.putObject("status");
        SpecificRecord current = (SpecificRecord) ObjectRecords.get(workload, "status");
        status.put("replicas", current == null ? 0 : (Integer) ObjectRecords.get(current, "replicas"));
        status.put("selector", Selector.of((LabelSelector) ObjectRecords.get(spec, "selector")).toString());
        return scale;
    }

    /**
     * Reads a Scale sent to the {@code kind} {@code namespace}/{@code name}.
     *
     * @throws ApiError 422 when it is not a Scale of that object with {@code spec.replicas >= 0}
     */
    public static ScaleRequest read(JsonNode body, ApiKind kind, String namespace, String name) {
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
            throw ApiError.invalid(kind, name, causes.list());
        }
        JsonNode resourceVersion = body.path("metadata").path("resourceVersion");
        return new ScaleRequest(replicas.intValue(), resourceVersion.isTextual() ? resourceVersion.textValue() : null);
    }

    /** {@code workload} with {@code replicas}, carrying the resourceVersion the client read for the conflict check. */
    public static <T extends SpecificRecord> T scaled(T workload, ScaleRequest request) {
        SpecificRecord spec = ObjectRecords.with((SpecificRecord) ObjectRecords.spec(workload), "replicas",
                request.replicas());
        ObjectMeta meta = ObjectRecords.with(ObjectRecords.metadata(workload), "resourceVersion",
                request.resourceVersion());
        return ObjectRecords.with(ObjectRecords.with(workload, "spec", spec), "metadata", meta);
    }

    /** Reports {@code value}, found at {@code path}, when it is present and not {@code expected}. */
    private static void expect(JsonNode value, String path, String expected, Causes causes) {
        if (!value.isMissingNode() && !value.isNull() && !expected.equals(value.asText())) {
            causes.invalid(path, value.asText(), "must be " + expected);
        }
    }
}

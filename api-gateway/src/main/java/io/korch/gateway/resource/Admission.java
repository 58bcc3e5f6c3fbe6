package io.korch.gateway.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.ManagedFieldsEntry;
import io.korch.api.ObjectMeta;
import io.korch.gateway.apply.ManagedFields;
import io.korch.gateway.validation.Cause;
import io.korch.gateway.validation.Causes;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import io.korch.model.ApiKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a request body into the object the gateway publishes: reads it strictly, checks it
 * against the path and the kind's rules, and sets the fields the server owns (uid,
 * creationTimestamp, generation) while dropping those it does not accept from clients (status,
 * resourceVersion), filling in what the kind defaults ({@link ResourceType#defaults()}) and refusing
 * changes the kind forbids ({@link io.korch.gateway.validation.Validator#validateUpdate}). Creates
 * and replaces that name their field manager record its ownership in {@code metadata.managedFields}
 * ({@link ManagedFields}). Pure apart from the injected clock and
 * uid source; throws {@link ApiError}.
 */
public final class Admission {

    private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int NAME_SUFFIX_LENGTH = 5;

    private final Clock clock;
    private final Supplier<String> uids;
    private final Random random;

    public Admission(Clock clock, Supplier<String> uids, Random random) {
        this.clock = clock;
        this.uids = uids;
        this.random = random;
    }

    /** Real time, random UUIDs. */
    public static Admission system() {
        return new Admission(Clock.systemUTC(), () -> UUID.randomUUID().toString(), new SecureRandom());
    }

    /** Reads {@code body} as a {@code type}; a field the schema does not know or a wrong value type is a 422. */
    public <T extends SpecificRecord> T read(ResourceType<T> type, JsonNode body) {
        return read(type, body, type.type(), object -> object);
    }

    /**
     * Reads a body of the kind of {@code type} served at another version, as {@code served}, and
     * converts it to the stored version with {@code toStored}; a field at fault, in the body or in
     * the conversion, is refused as {@link #read(ResourceType, JsonNode)} refuses it.
     */
    public <T extends SpecificRecord, V extends SpecificRecord> T read(ResourceType<T> type, JsonNode body,
                                                                       Class<V> served, Function<V, T> toStored) {
        try {
            return toStored.apply(ApiJson.read(body, served));
        } catch (FieldException e) {
            String reason = "required value".equals(e.reason()) ? Causes.REQUIRED : Causes.INVALID;
            throw ApiError.invalid(type.kind(), nameIn(body),
                    new Causes().add(reason, e.field(), e.reason()).list());
        }
    }

    /**
     * The object to create from {@code body} posted to the collection of {@code namespace}
     * (ignored for cluster-scoped kinds): validated, with a fresh uid, creationTimestamp and
     * generation 1, no status.
     */
    public <T extends SpecificRecord> T forCreate(ResourceType<T> type, T body, String namespace) {
        ObjectMeta meta = ObjectRecords.metadata(body);
        if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null
                && !meta.getGenerateName().isEmpty()) {
            meta = ObjectRecords.with(meta, "name", meta.getGenerateName() + nameSuffix());
        }
        T object = normalized(type, ObjectRecords.with(body, "metadata", meta), namespace, null);
        ObjectMeta assigned = ObjectMeta.newBuilder(ObjectRecords.metadata(object))
                .setUid(uids.get())
                .setResourceVersion(null)
                .setCreationTimestamp(now())
                .setGeneration(ObjectRecords.has(object, "spec") ? 1L : null)
                .build();
        return ObjectRecords.with(object, "metadata", assigned);
    }

    /**
     * {@link #forCreate(ResourceType, SpecificRecord, String)} by {@code fieldManager}, who owns every
     * field it set ({@code metadata.managedFields} gets its Update entry).
     */
    public <T extends SpecificRecord> T forCreate(ResourceType<T> type, T body, String namespace, String fieldManager) {
        T object = forCreate(type, body, namespace);
        return withManagedFields(object, ManagedFields.afterUpdate(null, object, fieldManager, now()));
    }

    /**
     * The object {@code body} put to {@code namespace}/{@code name}, checked against the path and
     * the kind's rules; server-owned fields are settled by {@link #replacing} once the current
     * object is known.
     */
    public <T extends SpecificRecord> T forReplace(ResourceType<T> type, T body, String namespace, String name) {
        return normalized(type, body, namespace, name);
    }

    /**
     * The object that replaces {@code current}: keeps uid and creationTimestamp and what the kind
     * keeps when the body leaves it out ({@link ResourceType#kept()}), bumps the
     * generation when the spec changed, and keeps the current managedFields unless {@code body}
     * sets them (an empty list resets them), as Kubernetes does.
     *
     * @throws ApiError 409 when {@code body} names another resourceVersion or uid than the current one
     */
    public <T extends SpecificRecord> T replacing(ResourceType<T> type, T given, Stored<T> current) {
        T body = type.kept().apply(given, current.value());
        ObjectMeta meta = ObjectRecords.metadata(body);
        ObjectMeta was = ObjectRecords.metadata(current.value());
        String resourceVersion = meta.getResourceVersion();
        if (resourceVersion != null && !resourceVersion.isEmpty() && !resourceVersion.equals(current.resourceVersion())) {
            throw ApiError.conflict(type.kind(), was.getName(),
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        if (meta.getUid() != null && !meta.getUid().isEmpty() && !meta.getUid().equals(was.getUid())) {
            throw ApiError.conflict(type.kind(), was.getName(), "Precondition failed: UID in precondition: "
                    + meta.getUid() + ", UID in object meta: " + was.getUid());
        }
        List<Cause> refused = type.validator().validateUpdate(body, current.value());
        if (!refused.isEmpty()) {
            throw ApiError.invalid(type.kind(), was.getName(), refused);
        }
        boolean specChanged = !Objects.equals(ObjectRecords.spec(body), ObjectRecords.spec(current.value()));
        Long generation = was.getGeneration() == null ? null
                : specChanged ? Long.valueOf(was.getGeneration() + 1) : was.getGeneration();
        ObjectMeta kept = ObjectMeta.newBuilder(meta)
                .setUid(was.getUid())
                .setCreationTimestamp(was.getCreationTimestamp())
                .setGeneration(generation)
                .setResourceVersion(null)
                .setManagedFields(meta.getManagedFields() != null ? meta.getManagedFields() : was.getManagedFields())
                .build();
        return ObjectRecords.with(body, "metadata", kept);
    }

    /**
     * {@link #replacing(ResourceType, SpecificRecord, Stored)} by {@code fieldManager}, who takes
     * ownership of the fields it changed ({@code metadata.managedFields} gets its Update entry).
     */
    public <T extends SpecificRecord> T replacing(ResourceType<T> type, T body, Stored<T> current, String fieldManager) {
        T replaced = replacing(type, body, current);
        return withManagedFields(replaced, ManagedFields.afterUpdate(current.value(), replaced, fieldManager, now()));
    }

    private static <T extends SpecificRecord> T withManagedFields(T object, List<ManagedFieldsEntry> managedFields) {
        ObjectMeta meta = ObjectRecords.with(ObjectRecords.metadata(object), "managedFields", managedFields);
        return ObjectRecords.with(object, "metadata", meta);
    }

    /** Checks apiVersion, kind, namespace and name against the path, runs the validator, drops client-owned fields. */
    private <T extends SpecificRecord> T normalized(ResourceType<T> type, T body, String namespace, String pathName) {
        ApiKind kind = type.kind();
        ObjectMeta meta = ObjectRecords.metadata(body);
        Causes causes = new Causes();
        if (!kind.apiVersion().equals(ObjectRecords.get(body, "apiVersion"))) {
            causes.invalid("apiVersion", ObjectRecords.get(body, "apiVersion"), "must be " + kind.apiVersion()
                    + " for " + ApiError.resource(kind));
        }
        if (!kind.kind().equals(ObjectRecords.get(body, "kind"))) {
            causes.invalid("kind", ObjectRecords.get(body, "kind"), "must be " + kind.kind() + " for "
                    + ApiError.resource(kind));
        }
        String objectNamespace = meta.getNamespace();
        if (kind.namespaced() && objectNamespace != null && !objectNamespace.isEmpty()
                && !objectNamespace.equals(namespace)) {
            causes.invalid("metadata.namespace", objectNamespace,
                    "does not match the namespace of the request path, \"" + namespace + "\"");
        }
        String name = meta.getName() == null || meta.getName().isEmpty() ? pathName : meta.getName();
        if (pathName != null && !pathName.equals(name)) {
            causes.invalid("metadata.name", name, "does not match the name of the request path, \"" + pathName + "\"");
        }
        if (!meta.getOwnerReferences().isEmpty()) {
            causes.forbidden("metadata.ownerReferences", "set only by korch's controllers");
        }
        if (!meta.getFinalizers().isEmpty()) {
            causes.forbidden("metadata.finalizers", "set only by korch, while deleting an object");
        }
        ObjectMeta cleaned = ObjectMeta.newBuilder(meta)
                .setName(name)
                .setNamespace(kind.namespaced() ? namespace : null)
                .setResourceVersion(meta.getResourceVersion())
                .setDeletionTimestamp(null)
                .build();
        T withMetadata = ObjectRecords.with(body, "metadata", cleaned);
        T object = type.defaults().apply(withDefaults(
                ObjectRecords.has(withMetadata, "status") ? ObjectRecords.with(withMetadata, "status", null) : withMetadata));
        type.validator().validate(object).forEach(c -> causes.add(c.reason(), c.field(), c.message()));
        if (!causes.isEmpty()) {
            throw ApiError.invalid(kind, name, causes.list());
        }
        return object;
    }

    /** Fills in what Kubernetes defaults and clients read back: a workload without replicas has one. */
    private static <T extends SpecificRecord> T withDefaults(T object) {
        if (ObjectRecords.spec(object) instanceof SpecificRecord spec && ObjectRecords.has(spec, "replicas")
                && ObjectRecords.get(spec, "replicas") == null) {
            return ObjectRecords.with(object, "spec", ObjectRecords.with(spec, "replicas", 1));
        }
        return object;
    }

    /** The server's time, to the millisecond, as it stamps objects (creationTimestamp, deletionTimestamp). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String nameSuffix() {
        StringBuilder suffix = new StringBuilder(NAME_SUFFIX_LENGTH);
        for (int i = 0; i < NAME_SUFFIX_LENGTH; i++) {
            suffix.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static String nameIn(JsonNode body) {
        JsonNode name = body.path("metadata").path("name");
        return name.isTextual() ? name.textValue() : null;
    }
}

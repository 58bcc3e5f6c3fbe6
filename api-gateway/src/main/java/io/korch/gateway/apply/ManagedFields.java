package io.korch.gateway.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.ManagedFieldsEntry;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;

/**
 * The field ownership of one object, {@code metadata.managedFields}, as Kubernetes' field manager
 * keeps it: one entry per manager — per manager name, operation and subresource, and for updates
 * per API version too — with the fields it owns. Immutable; every change returns new ownership.
 *
 * <p>Updates (create, replace, non-apply patch) go through {@link #afterUpdate}: the manager
 * takes the fields it set or changed from everyone else. Server-side apply goes through
 * {@link ServerSideApply}. Fields the server owns (name, uid, resourceVersion...) and the status
 * are never owned through the object itself.
 */
public final class ManagedFields {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";
    public static final String FIELDS_V1 = "FieldsV1";
    /** The manager Kubernetes gives the fields of an object applied to for the first time without any ownership yet. */
    public static final String BEFORE_FIRST_APPLY = "before-first-apply";
    /** The manager of a request that names none and sends no User-Agent. */
    public static final String UNKNOWN = "unknown";

    /** The paths the server sets, which no manager owns (Kubernetes' stripMeta set), besides the whole status. */
    private static final Set<FieldPath> SERVER_OWNED = Set.of(
            FieldPath.of("apiVersion"), FieldPath.of("kind"), FieldPath.of("metadata"),
            FieldPath.of("metadata", "name"), FieldPath.of("metadata", "namespace"),
            FieldPath.of("metadata", "creationTimestamp"), FieldPath.of("metadata", "selfLink"),
            FieldPath.of("metadata", "uid"), FieldPath.of("metadata", "clusterName"),
            FieldPath.of("metadata", "generation"), FieldPath.of("metadata", "managedFields"),
            FieldPath.of("metadata", "resourceVersion"));
    private static final FieldPath STATUS = FieldPath.of("status");

    private static final ManagedFields NONE = new ManagedFields(Map.of());

    /**
     * Who a manager is: entries with the same identity are one manager. An applier is one manager
     * whatever version it applies, an updater one per version.
     */
    record Identity(String manager, String operation, String apiVersion, String subresource) {

        static Identity of(String manager, String operation, String apiVersion, String subresource) {
            String name = manager == null || manager.isEmpty() ? UNKNOWN : manager;
            return new Identity(name, operation, APPLY.equals(operation) ? "" : apiVersion, subresource);
        }
    }

    /**
     * One manager's entry.
     *
     * @param time   when the manager last changed the object, or null
     * @param fields the fields it owns
     */
    record Owner(String manager, String operation, String apiVersion, String subresource, Instant time, FieldSet fields) {

        Identity identity() {
            return Identity.of(manager, operation, apiVersion, subresource);
        }

        Owner withFields(FieldSet changed) {
            return new Owner(manager, operation, apiVersion, subresource, time, changed);
        }

        /** The manager as Kubernetes names it in a conflict: {@code "kubectl" using apps/v1 at 2026-01-31T12:00:00Z}. */
        String describe() {
            String described = "\"" + manager + "\"";
            if (subresource != null && !subresource.isEmpty()) {
                described += " with subresource \"" + subresource + "\"";
            }
            if (UPDATE.equals(operation)) {
                described += " using " + apiVersion;
                if (time != null) {
                    described += " at " + time.truncatedTo(ChronoUnit.SECONDS);
                }
            }
            return described;
        }
    }

    private final Map<Identity, Owner> owners;

    private ManagedFields(Map<Identity, Owner> owners) {
        this.owners = owners;
    }

    public static ManagedFields none() {
        return NONE;
    }

    /**
     * Reads {@code metadata.managedFields}; null is no ownership.
     *
     * @throws IllegalArgumentException for an entry Kubernetes would not decode: an operation other
     *                                  than Apply or Update, no apiVersion, a fieldsType other than FieldsV1
     */
    public static ManagedFields decode(List<ManagedFieldsEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        Map<Identity, Owner> owners = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ManagedFieldsEntry entry = entries.get(i);
            if (!APPLY.equals(entry.getOperation()) && !UPDATE.equals(entry.getOperation())) {
                throw new IllegalArgumentException("operation must be `Apply` or `Update`");
            }
            if (entry.getApiVersion().isEmpty()) {
                throw new IllegalArgumentException("apiVersion must not be empty");
            }
            if (entry.getFieldsType().isEmpty()) {
                throw new IllegalArgumentException("missing fieldsType in managed fields entry " + i);
            }
            if (!FIELDS_V1.equals(entry.getFieldsType())) {
                throw new IllegalArgumentException("invalid fieldsType \"" + entry.getFieldsType()
                        + "\" in managed fields entry " + i);
            }
            Owner owner = new Owner(entry.getManager(), entry.getOperation(), entry.getApiVersion(),
                    entry.getSubresource(), entry.getTime(), FieldSet.fromFieldsV1(entry.getFieldsV1()));
            owners.put(owner.identity(), owner);
        }
        return new ManagedFields(owners);
    }

    /** Reads the {@code metadata.managedFields} of an object as JSON, as the API serves it. */
    public static ManagedFields of(JsonNode object) {
        JsonNode entries = object.path("metadata").path("managedFields");
        if (!entries.isArray()) {
            return NONE;
        }
        List<ManagedFieldsEntry> read = new ArrayList<>();
        for (JsonNode entry : entries) {
            try {
                read.add(ApiJson.read(entry, ManagedFieldsEntry.class));
            } catch (FieldException e) {
                throw new IllegalArgumentException("metadata.managedFields." + e.field() + ": " + e.reason(), e);
            }
        }
        return decode(read);
    }

    /**
     * The entries, sorted as Kubernetes sorts them: appliers before updaters, then by time, manager,
     * apiVersion and subresource.
     */
    public List<ManagedFieldsEntry> encode() {
        return owners.values().stream()
                .sorted(Comparator.comparing(Owner::operation)
                        .thenComparingLong(o -> o.time() == null ? 0 : o.time().getEpochSecond())
                        .thenComparing(Owner::manager)
                        .thenComparing(Owner::apiVersion)
                        .thenComparing(o -> Objects.requireNonNullElse(o.subresource(), "")))
                .map(o -> ManagedFieldsEntry.newBuilder()
                        .setManager(o.manager())
                        .setOperation(o.operation())
                        .setApiVersion(o.apiVersion())
                        .setTime(o.time())
                        .setFieldsType(FIELDS_V1)
                        .setFieldsV1(o.fields().toFieldsV1Text())
                        .setSubresource(o.subresource())
                        .build())
                .toList();
    }

    /** The entries as the API shows them in {@code metadata.managedFields}. */
    public ArrayNode toJson() {
        ArrayNode json = ApiJson.MAPPER.createArrayNode();
        encode().forEach(entry -> json.add(ApiJson.write(entry)));
        return json;
    }

    public boolean isEmpty() {
        return owners.isEmpty();
    }

    /** The fields {@code identity} owns; empty when it owns none. */
    FieldSet fieldsOf(Identity identity) {
        Owner owner = owners.get(identity);
        return owner == null ? FieldSet.empty() : owner.fields();
    }

    Owner owner(Identity identity) {
        return owners.get(identity);
    }

    Map<Identity, Owner> owners() {
        return owners;
    }

    /** This ownership with {@code owner}'s entry set (added or replaced). */
    ManagedFields with(Owner owner) {
        Map<Identity, Owner> changed = new LinkedHashMap<>(owners);
        changed.put(owner.identity(), owner);
        return new ManagedFields(changed);
    }

    /**
     * This ownership with the fields of every owner but {@code except} (null: none) changed by
     * {@code change}, and every owner left with no fields dropped.
     */
    ManagedFields changingOthers(Identity except, UnaryOperator<FieldSet> change) {
        Map<Identity, Owner> changed = new LinkedHashMap<>();
        owners.forEach((identity, owner) -> {
            Owner kept = identity.equals(except) ? owner : owner.withFields(change.apply(owner.fields()));
            if (!kept.fields().isEmpty()) {
                changed.put(identity, kept);
            }
        });
        return new ManagedFields(changed);
    }

    /** The union of every owner's fields. */
    FieldSet allOwned() {
        return owners.values().stream().map(Owner::fields).reduce(FieldSet.empty(), FieldSet::union);
    }

    /**
     * The ownership after {@code manager} updated the object from {@code before} (null: created it)
     * to {@code after}: the fields it added or changed become its own, taken from every other
     * manager; removed fields are nobody's any more. Its entry's time is {@code now} when it took
     * any field. Objects are compared as the API shows them, without managedFields and status.
     */
    public ManagedFields afterUpdate(JsonNode before, JsonNode after, ObjectShape shape, String manager,
                                     String apiVersion, String subresource, Instant now) {
        Comparison changes = ownable(Comparison.between(before == null ? null : comparable(before),
                comparable(after), shape));
        FieldSet taken = changes.changed();
        ManagedFields rest = changingOthers(null, fields -> fields.difference(taken).difference(changes.removed()));
        if (taken.isEmpty()) {
            return rest;
        }
        Identity identity = Identity.of(manager, UPDATE, apiVersion, subresource);
        FieldSet previous = rest.fieldsOf(identity);
        return rest.with(new Owner(identity.manager(), UPDATE, apiVersion, subresource, now, previous.union(taken)));
    }

    /**
     * The managedFields of an object a client created ({@code before} null) or replaced: Kubernetes'
     * rules for the ownership a request sends, then {@link #afterUpdate} by {@code manager}.
     * A request that leaves managedFields out keeps the current ones; one that sends entries
     * replaces them (entries that do not decode are ignored, as Kubernetes ignores them); an empty
     * list, or one empty entry, resets them. A replace of an object without ownership records none,
     * as Kubernetes starts tracking such objects on their first apply.
     */
    public static <T extends SpecificRecord> List<ManagedFieldsEntry> afterUpdate(T before, T after, String manager,
                                                                                 Instant now) {
        List<ManagedFieldsEntry> requested = ObjectRecords.metadata(after).getManagedFields();
        List<ManagedFieldsEntry> current = before == null ? null : ObjectRecords.metadata(before).getManagedFields();
        ManagedFields base = requestedOrCurrent(requested, current);
        if (base.isEmpty() && before != null) {
            return List.of();
        }
        String apiVersion = String.valueOf(ObjectRecords.get(after, "apiVersion"));
        try {
            return base.afterUpdate(before == null ? null : ApiJson.write(before), ApiJson.write(after),
                    ObjectShape.of(after.getSchema()), manager, apiVersion, null, now).encode();
        } catch (IllegalArgumentException e) {
            return base.encode();
        }
    }

    private static ManagedFields requestedOrCurrent(List<ManagedFieldsEntry> requested,
                                                    List<ManagedFieldsEntry> current) {
        if (requested != null && (requested.isEmpty()
                || (requested.size() == 1 && requested.get(0).equals(ManagedFieldsEntry.newBuilder().build())))) {
            return NONE;
        }
        return decoded(requested).filter(fields -> !fields.isEmpty())
                .orElseGet(() -> decoded(current).orElse(NONE));
    }

    /** The ownership {@code entries} hold, or none when they do not decode. */
    private static Optional<ManagedFields> decoded(List<ManagedFieldsEntry> entries) {
        try {
            return Optional.of(decode(entries));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code object} as ownership compares it: without its managedFields and its status. */
    static ObjectNode comparable(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        return copy;
    }

    /** {@code fields} without those nobody owns through the object: the server's and the status. */
    static FieldSet ownable(FieldSet fields) {
        return fields.filter(path -> !SERVER_OWNED.contains(path) && !path.startsWith(STATUS));
    }

    private static Comparison ownable(Comparison changes) {
        return new Comparison(ownable(changes.added()), ownable(changes.modified()), ownable(changes.removed()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagedFields other && encode().equals(other.encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return owners.values().toString();
    }
}

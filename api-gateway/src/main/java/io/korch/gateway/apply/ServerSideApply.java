package io.korch.gateway.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.apply.ManagedFields.Identity;
import io.korch.gateway.apply.ManagedFields.Owner;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ResourceType;
import io.korch.model.ApiKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificData;

/**
 * Server-side apply ({@code PATCH} with {@code Content-Type: application/apply-patch+yaml}), by
 * the rules of Kubernetes' structured-merge-diff: the applied configuration is merged into the
 * live object and becomes the set of fields its manager owns; fields the manager applied last
 * time and no longer applies are removed, unless another manager owns them too; a field another
 * manager owns that the apply would change is a conflict, refused with 409 unless the apply is
 * forced, in which case the field moves to the applier. Managers left owning nothing are dropped.
 * The first apply to an object that has no ownership yet gives its fields to
 * {@value ManagedFields#BEFORE_FIRST_APPLY}, as Kubernetes does.
 *
 * <p>Pure: the caller loads the live object and stores the result. The result is an object body
 * with {@code metadata.managedFields} set, to go through admission as a replace (or a create,
 * when there was no live object) with no further update tracking. A caller whose write is refused
 * because the object changed meanwhile applies again to the newer live object.
 */
public final class ServerSideApply {

    /**
     * The outcome of an apply.
     *
     * @param object  the object to store, with its managedFields, without status
     * @param changed whether it differs from the live object in values or ownership; when not, nothing needs storing
     */
    public record Applied(ObjectNode object, boolean changed) {
    }

    private ServerSideApply() {
    }

    /**
     * Applies {@code applied} by {@code manager} to {@code live}, the object as the API serves it
     * (with its managedFields), or creates the object when there is none.
     *
     * @throws ApiError 409 Conflict listing the fields other managers own, unless {@code force};
     *                  400 for a configuration of another kind or version, one that sets managedFields,
     *                  or one with a keyed list element that lacks its key or repeats another's
     */
    public static Applied apply(ResourceType<?> type, Optional<JsonNode> live, JsonNode applied, String manager,
                                boolean force, Instant now) {
        ApiKind kind = type.kind();
        check(kind, applied);
        ObjectShape shape = ObjectShape.of(SpecificData.get().getSchema(type.type()));
        try {
            ObjectNode current = live.map(ManagedFields::comparable).orElse(null);
            ManagedFields managers = live.map(ManagedFields::of).orElse(ManagedFields.none());
            if (current != null && managers.isEmpty()) {
                managers = managers.afterUpdate(null, current, shape, ManagedFields.BEFORE_FIRST_APPLY,
                        kind.apiVersion(), null, now);
            }
            ObjectNode result = apply(kind, current, managers, ManagedFields.comparable(applied),
                    Identity.of(manager, ManagedFields.APPLY, kind.apiVersion(), null), force, now, shape);
            boolean changed = live.map(object -> !withoutStatus(object).equals(result)).orElse(true);
            return new Applied(result, changed);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static ObjectNode apply(ApiKind kind, ObjectNode current, ManagedFields managers, ObjectNode applied,
                                    Identity applier, boolean force, Instant now, ObjectShape shape) {
        Owner previous = managers.owner(applier);
        FieldSet lastApplied = managers.fieldsOf(applier);
        FieldSet applies = ManagedFields.ownable(FieldSet.setIn(applied));
        managers = managers.with(new Owner(applier.manager(), ManagedFields.APPLY, kind.apiVersion(), null,
                previous == null ? null : previous.time(), applies));

        FieldSet owned = managers.allOwned();
        JsonNode merged = ObjectMerge.remove(ObjectMerge.merge(current, applied, FieldPath.ROOT),
                lastApplied.difference(owned), owned);

        Comparison changes = Comparison.between(current, merged, shape);
        FieldSet changed = ManagedFields.ownable(changes.changed());
        FieldSet removed = ManagedFields.ownable(changes.removed());
        Map<Owner, FieldSet> conflicts = new LinkedHashMap<>();
        managers.owners().forEach((identity, owner) -> {
            FieldSet conflicting = owner.fields().intersection(changed);
            if (!identity.equals(applier) && !conflicting.isEmpty()) {
                conflicts.put(owner, conflicting);
            }
        });
        if (!conflicts.isEmpty() && !force) {
            throw ApplyConflicts.error(kind, merged.path("metadata").path("name").asText(null), conflicts);
        }
        managers = managers.changingOthers(applier, fields -> fields.difference(changed).difference(removed))
                .changingOthers(null, fields -> fields);
        Owner mine = managers.owner(applier);
        if (mine != null && !merged.equals(current)) {
            managers = managers.with(new Owner(mine.manager(), mine.operation(), mine.apiVersion(), null, now,
                    mine.fields()));
        }
        return withManagedFields((ObjectNode) merged, managers);
    }

    /** Refuses a configuration that is not an object of this kind and version, or that sets managedFields. */
    private static void check(ApiKind kind, JsonNode applied) {
        if (applied == null || !applied.isObject()) {
            throw ApiError.badRequest("error decoding patch: the apply configuration must be an object");
        }
        String apiVersion = applied.path("apiVersion").asText("");
        String appliedKind = applied.path("kind").asText("");
        if (!apiVersion.equals(kind.apiVersion()) || !appliedKind.equals(kind.kind())) {
            throw ApiError.badRequest("invalid object type: " + groupVersionKind(apiVersion, appliedKind));
        }
        JsonNode managedFields = applied.path("metadata").get("managedFields");
        if (managedFields != null && !managedFields.isNull()) {
            throw ApiError.badRequest("metadata.managedFields must be nil");
        }
    }

    /** A group, version and kind as Go prints them: {@code apps/v1, Kind=Deployment}, {@code /v1, Kind=Pod}. */
    private static String groupVersionKind(String apiVersion, String kind) {
        String groupVersion = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
        return groupVersion + ", Kind=" + kind;
    }

    private static ObjectNode withManagedFields(ObjectNode object, ManagedFields managers) {
        ObjectNode result = object.deepCopy();
        ObjectNode meta = result.get("metadata") instanceof ObjectNode m ? m : result.putObject("metadata");
        if (managers.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", managers.toJson());
        }
        return result;
    }

    private static ObjectNode withoutStatus(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        return copy;
    }
}

package io.korch.gateway.apply;

import io.korch.gateway.apply.ManagedFields.Owner;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 409 answer to an apply that would change fields other managers own, in the shape of
 * Kubernetes' {@code NewConflictError}: one {@code FieldManagerConflict} cause per field, and a
 * message that lists them,
 * {@code Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas}
 * or, for several, grouped by manager:
 * <pre>Apply failed with 2 conflicts: conflicts with "a" using apps/v1:
 * - .spec.replicas
 * conflicts with "b":
 * - .metadata.labels.app</pre>
 */
final class ApplyConflicts {

    static final String CAUSE = "FieldManagerConflict";

    private static final Comparator<Owner> BY_MANAGER = Comparator.comparing(Owner::manager)
            .thenComparing(Owner::operation)
            .thenComparing(Owner::apiVersion)
            .thenComparing(o -> Objects.requireNonNullElse(o.subresource(), ""));

    private ApplyConflicts() {
    }

    static ApiError error(ApiKind kind, String name, Map<Owner, FieldSet> conflicts) {
        List<Owner> owners = conflicts.keySet().stream().sorted(BY_MANAGER).toList();
        List<Cause> causes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Owner owner : owners) {
            lines.add("conflicts with " + owner.describe() + ":");
            for (FieldPath path : conflicts.get(owner).paths()) {
                causes.add(new Cause(CAUSE, path.toString(), "conflict with " + owner.describe()));
                lines.add("- " + path);
            }
        }
        String message = causes.size() == 1
                ? "Apply failed with 1 conflict: " + causes.get(0).message() + ": " + causes.get(0).field()
                : "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
        return new ApiError(409, "Conflict", message, new ApiError.Details(name, kind.plural(), causes));
    }
}

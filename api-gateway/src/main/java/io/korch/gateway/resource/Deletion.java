package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import io.korch.model.ApiKind;

/**
 * How one object is to be deleted, from Kubernetes' {@code DeleteOptions}.
 *
 * @param policy             what becomes of the objects it owns
 * @param uid                the uid it must have ({@code preconditions.uid}), or null
 * @param resourceVersion    the resourceVersion it must be at ({@code preconditions.resourceVersion}), or null
 * @param dryRun             whether to check the deletion and answer as if it happened, deleting nothing
 * @param gracePeriodSeconds the client's {@code gracePeriodSeconds}, or null. Accepted and not
 *                           acted on: a node agent stops a deleted pod's containers with the pod's own
 *                           {@code terminationGracePeriodSeconds}, and korch removes the pod from the
 *                           API at once, as Kubernetes does with 0
 */
public record Deletion(PropagationPolicy policy, String uid, String resourceVersion, boolean dryRun,
                       Long gracePeriodSeconds) {

    /** A plain deletion: Background, no preconditions, carried out. */
    public static final Deletion BACKGROUND = new Deletion(PropagationPolicy.BACKGROUND, null, null, false, null);

    /** This deletion with {@code policy} instead. */
    public Deletion with(PropagationPolicy other) {
        return new Deletion(other, uid, resourceVersion, dryRun, gracePeriodSeconds);
    }

    /**
     * Checks the preconditions against the object as served, {@code meta}.
     *
     * @throws ApiError a 409 worded as the apiserver words it when one does not hold
     */
    public void checkPreconditions(ApiKind kind, ObjectMeta meta) {
        if (uid != null && !uid.equals(meta.getUid())) {
            throw ApiError.conflict(kind, meta.getName(), "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + nullToEmpty(meta.getUid()));
        }
        if (resourceVersion != null && !resourceVersion.equals(meta.getResourceVersion())) {
            throw ApiError.conflict(kind, meta.getName(), "Precondition failed: ResourceVersion in precondition: "
                    + resourceVersion + ", ResourceVersion in object meta: " + nullToEmpty(meta.getResourceVersion()));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}

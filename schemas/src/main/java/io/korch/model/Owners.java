package io.korch.model;

import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodOwnership;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ownership from metadata: which object, if any, controls this one, and whether an object
 * being deleted keeps its dependents.
 *
 * <p>A pod's owners are the one rule shared by the gateway (which serves them) and the replicaset
 * controller (which counts by them): the ownerReferences the pod was written with, unless the
 * controller's {@link PodOwnership} record for that very pod (same uid) replaces them, as it does
 * when a ReplicaSet adopts an orphan or releases a pod.
 */
public final class Owners {

    /**
     * The finalizer of an object being deleted with {@code propagationPolicy: Orphan}: its dependents
     * lose their ownerReference to it and live on.
     */
    public static final String ORPHAN_FINALIZER = "orphan";
    /**
     * The finalizer of an object being deleted with {@code propagationPolicy: Foreground}: it stays,
     * marked, until the dependents that block its deletion are gone.
     */
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    private Owners() {
    }

    /** The owner reference marked {@code controller: true}, or null when nothing controls the object. */
    public static OwnerReference controller(ObjectMeta meta) {
        for (OwnerReference owner : meta.getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController())) {
                return owner;
            }
        }
        return null;
    }

    /**
     * The ownerReferences of the pod with metadata {@code meta}: those of {@code ownership} when it
     * is about this pod's uid, else the pod's own.
     *
     * @param ownership the controller's record under the pod's key, or null
     */
    public static List<OwnerReference> ownerReferences(ObjectMeta meta, PodOwnership ownership) {
        if (ownership != null && ownership.getPodUid().equals(meta.getUid())) {
            return ownership.getOwnerReferences();
        }
        return meta.getOwnerReferences();
    }

    /** {@code pod} with the ownerReferences {@link #ownerReferences} gives it; a new pod when they differ, never a mutated one. */
    public static Pod withOwnership(Pod pod, PodOwnership ownership) {
        List<OwnerReference> references = ownerReferences(pod.getMetadata(), ownership);
        if (references.equals(pod.getMetadata().getOwnerReferences())) {
            return pod;
        }
        ObjectMeta meta = ObjectMeta.newBuilder(pod.getMetadata()).setOwnerReferences(new ArrayList<>(references)).build();
        return Pod.newBuilder(pod).setMetadata(meta).build();
    }

    /** Whether the object is being deleted with {@code propagationPolicy: Orphan} ({@link #ORPHAN_FINALIZER}). */
    public static boolean orphaning(ObjectMeta meta) {
        return meta.getDeletionTimestamp() != null && meta.getFinalizers().contains(ORPHAN_FINALIZER);
    }

    /** Whether the object is being deleted with {@code propagationPolicy: Foreground} ({@link #FOREGROUND_FINALIZER}). */
    public static boolean foregroundDeleting(ObjectMeta meta) {
        return meta.getDeletionTimestamp() != null && meta.getFinalizers().contains(FOREGROUND_FINALIZER);
    }
}

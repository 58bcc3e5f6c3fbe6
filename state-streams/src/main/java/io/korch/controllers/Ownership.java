package io.korch.controllers;

import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads and builds the controller owner references that tie a Deployment to its ReplicaSets and a ReplicaSet to its Pods. */
public final class Ownership {

    private Ownership() {
    }

    /** A controller reference to the owner of kind {@code kind}, which blocks the owner's deletion until the owned object is gone. */
    public static List<OwnerReference> controlledBy(String apiVersion, String kind, String name, String uid) {
        List<OwnerReference> references = new ArrayList<>(1);
        references.add(OwnerReference.newBuilder()
                .setApiVersion(apiVersion)
                .setKind(kind)
                .setName(name)
                .setUid(uid == null ? "" : uid)
                .setController(true)
                .setBlockOwnerDeletion(true)
                .build());
        return references;
    }

    /** The owner reference marked {@code controller: true}, or null when the object has no controller. */
    public static OwnerReference controller(ObjectMeta metadata) {
        if (metadata == null || metadata.getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference reference : metadata.getOwnerReferences()) {
            if (Boolean.TRUE.equals(reference.getController())) {
                return reference;
            }
        }
        return null;
    }

    /** Whether the controller of {@code metadata} is the object with uid {@code ownerUid}. */
    public static boolean isControlledBy(ObjectMeta metadata, String ownerUid) {
        OwnerReference controller = controller(metadata);
        return controller != null && Objects.equals(controller.getUid(), ownerUid == null ? "" : ownerUid);
    }
}

package io.korch.model;

import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;

/** Reads ownership from metadata: which object, if any, controls this one. */
public final class Owners {

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
}

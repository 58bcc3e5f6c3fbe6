package io.korch.controllers;

import io.korch.api.ObjectMeta;
import io.korch.topics.Keys;

/**
 * Checks that a namespaced record's metadata names the object its key names. The controllers derive
 * the keys of everything they write from metadata, so a record that disagrees with its key is
 * dropped rather than reconciled into objects nobody asked for.
 */
public final class Identity {

    private Identity() {
    }

    /** Whether {@code metadata} has the namespace and name of {@code key} ({@code namespace/name}). */
    public static boolean matches(String key, ObjectMeta metadata) {
        return metadata != null && metadata.getNamespace() != null && metadata.getName() != null
                && key.equals(Keys.of(metadata.getNamespace(), metadata.getName()));
    }
}

package io.korch.topics;

/**
 * Record keys of namespaced objects: {@code namespace/name}. Namespaces and nodes are keyed by
 * their bare name.
 */
public final class Keys {

    private Keys() {
    }

    /** The key of a namespaced object. */
    public static String of(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** The namespace part of a namespaced key. */
    public static String namespace(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a namespaced key: " + key);
        }
        return key.substring(0, slash);
    }

    /** The name part of a namespaced key. */
    public static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}

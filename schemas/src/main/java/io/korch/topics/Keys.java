package io.korch.topics;

/**
 * Record keys: {@code namespace/name} for namespaced objects, the bare name for namespaces and
 * nodes, {@code node/namespace/name} for a pod's records on one node (assignments, bind requests),
 * and {@code namespace/name/node} for a node's answer about a pod (bind outcomes). Names contain no
 * {@code /}, so each part can be read back.
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

    /** The key of pod {@code podKey}'s record on {@code node}: {@code node/namespace/name}. */
    public static String onNode(String node, String podKey) {
        return node + "/" + podKey;
    }

    /** The node part of a {@link #onNode} key. */
    public static String nodeOf(String nodeScopedKey) {
        return nodeScopedKey.substring(0, requireSlash(nodeScopedKey));
    }

    /** The pod part ({@code namespace/name}) of a {@link #onNode} key. */
    public static String podOf(String nodeScopedKey) {
        return nodeScopedKey.substring(requireSlash(nodeScopedKey) + 1);
    }

    /** The key of {@code node}'s answer about pod {@code podKey}: {@code namespace/name/node}. */
    public static String outcome(String podKey, String node) {
        return podKey + "/" + node;
    }

    /** The pod part ({@code namespace/name}) of an {@link #outcome} key. */
    public static String podOfOutcome(String outcomeKey) {
        return outcomeKey.substring(0, outcomeKey.lastIndexOf('/'));
    }

    private static int requireSlash(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a node-scoped key: " + key);
        }
        return slash;
    }
}

package io.korch.topics;

/**
 * Record keys: {@code namespace/name} for namespaced objects, the bare name for namespaces and
 * nodes, {@code node/namespace/name} for a pod's records on one node (assignments, bind requests),
 * {@code namespace/name/node} for a node's answer about a pod (bind outcomes), and
 * {@code namespace/name/uid} for an agent's report on one pod (pod status). Names and uids contain
 * no {@code /}, so each part can be read back.
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
        return podOfSuffixed(outcomeKey);
    }

    /**
     * The key of the status report on the pod {@code podKey} with {@code uid}: {@code namespace/name/uid}.
     * A pod's uid is bound to one node for good, so only that node's agent ever writes the key.
     */
    public static String podStatus(String podKey, String uid) {
        return podKey + "/" + uid;
    }

    /** The pod part ({@code namespace/name}) of a {@link #podStatus} key. */
    public static String podOfStatus(String statusKey) {
        return podOfSuffixed(statusKey);
    }

    /** The uid part of a {@link #podStatus} key. */
    public static String uidOfStatus(String statusKey) {
        return statusKey.substring(statusKey.lastIndexOf('/') + 1);
    }

    private static String podOfSuffixed(String key) {
        int last = key.lastIndexOf('/');
        if (last <= key.indexOf('/')) {
            throw new IllegalArgumentException("not a namespace/name/suffix key: " + key);
        }
        return key.substring(0, last);
    }

    private static int requireSlash(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a node-scoped key: " + key);
        }
        return slash;
    }

    /** The key of record {@code key} of {@code topic} in the change log's snapshot: {@code topic:key}. */
    public static String changed(String topic, String key) {
        return topic + ":" + key;
    }

    /** The topic of a snapshot key made by {@link #changed}. */
    public static String topicOfChanged(String changedKey) {
        return changedKey.substring(0, changedKey.indexOf(':'));
    }

    /** The record key of a snapshot key made by {@link #changed}. */
    public static String keyOfChanged(String changedKey) {
        return changedKey.substring(changedKey.indexOf(':') + 1);
    }
}

package io.korch.gateway.resource;

import java.util.List;

/**
 * What a deletion does with the objects the deleted one owns, Kubernetes' {@code propagationPolicy}
 * of {@code DeleteOptions}: {@link #BACKGROUND}, the default, deletes the object at once and its
 * dependents after; {@link #ORPHAN} leaves them, without their ownerReference to it;
 * {@link #FOREGROUND} keeps the object, marked as being deleted, until its dependents are gone.
 */
public enum PropagationPolicy {

    FOREGROUND("Foreground"),
    BACKGROUND("Background"),
    ORPHAN("Orphan");

    /** The field of {@code DeleteOptions}, and the query parameter, that names the policy. */
    public static final String FIELD = "propagationPolicy";
    /** The values Kubernetes accepts, in the order its validation lists them. */
    public static final List<String> SUPPORTED = List.of(FOREGROUND.value, BACKGROUND.value, ORPHAN.value, "nil");

    private final String value;

    PropagationPolicy(String value) {
        this.value = value;
    }

    /** The policy spelled {@code value} as in Kubernetes, or null when there is no such policy. */
    public static PropagationPolicy of(String value) {
        for (PropagationPolicy policy : values()) {
            if (policy.value.equals(value)) {
                return policy;
            }
        }
        return null;
    }

    /** The Kubernetes spelling: {@code Foreground}, {@code Background}, {@code Orphan}. */
    public String value() {
        return value;
    }
}

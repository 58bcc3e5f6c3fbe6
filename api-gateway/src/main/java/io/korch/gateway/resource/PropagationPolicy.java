package io.korch.gateway.resource;

import java.util.List;

/**
 * What a deletion does with the objects the deleted one owns, Kubernetes' {@code propagationPolicy}
 * of {@code DeleteOptions}: {@link #BACKGROUND}, the default, deletes them; {@link #ORPHAN} leaves
 * them, without their ownerReference to it. {@code Foreground} is not supported.
 */
public enum PropagationPolicy {

    BACKGROUND("Background"),
    ORPHAN("Orphan");

    /** The field of {@code DeleteOptions}, and the query parameter, that names the policy. */
    public static final String FIELD = "propagationPolicy";
    /** The values korch accepts. */
    public static final List<String> SUPPORTED = List.of(BACKGROUND.value, ORPHAN.value);

    private final String value;

    PropagationPolicy(String value) {
        this.value = value;
    }

    /** The policy spelled {@code value} as in Kubernetes, or null when korch supports no such policy. */
    public static PropagationPolicy of(String value) {
        for (PropagationPolicy policy : values()) {
            if (policy.value.equals(value)) {
                return policy;
            }
        }
        return null;
    }

    /** The Kubernetes spelling: {@code Background}, {@code Orphan}. */
    public String value() {
        return value;
    }
}

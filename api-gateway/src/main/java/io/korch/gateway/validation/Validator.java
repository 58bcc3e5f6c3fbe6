package io.korch.gateway.validation;

import java.util.List;

/**
 * Checks one kind of object against korch's rules, without looking at the rest of the cluster:
 * alone, and against the object it replaces.
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface Validator<T> {

    /** Every problem found in {@code object}; empty when it is valid. Never throws for invalid input. */
    List<Cause> validate(T object);

    /**
     * Every problem of {@code object} replacing {@code old}, beyond those {@link #validate} finds:
     * fields that may not change. None by default.
     */
    default List<Cause> validateUpdate(T object, T old) {
        return List.of();
    }
}

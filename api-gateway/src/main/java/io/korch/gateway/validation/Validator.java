package io.korch.gateway.validation;

import java.util.List;

/**
 * Checks one kind of object against korch's rules, without looking at the rest of the cluster.
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface Validator<T> {

    /** Every problem found in {@code object}; empty when it is valid. Never throws for invalid input. */
    List<Cause> validate(T object);
}

package io.korch.controllers;

import java.util.Objects;

/**
 * What a reconcile step does with the status record of the object it reconciles: leave it as
 * written, write a new one, or tombstone it.
 *
 * @param kind   which of the three
 * @param status the status to write when {@code kind} is {@link Kind#WRITE}, else null
 * @param <S>    the status record type
 */
public record StatusUpdate<S>(Kind kind, S status) {

    /** The three things a reconcile step can do with a status. */
    public enum Kind { KEEP, WRITE, DELETE }

    public StatusUpdate {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.WRITE) != (status != null)) {
            throw new IllegalArgumentException("a status is given exactly when it is written");
        }
    }

    /** The status written last is still right. */
    public static <S> StatusUpdate<S> keep() {
        return new StatusUpdate<>(Kind.KEEP, null);
    }

    /** Write {@code status}. */
    public static <S> StatusUpdate<S> write(S status) {
        return new StatusUpdate<>(Kind.WRITE, Objects.requireNonNull(status, "status"));
    }

    /** Tombstone the status: its object is gone. */
    public static <S> StatusUpdate<S> delete() {
        return new StatusUpdate<>(Kind.DELETE, null);
    }

    /** Writes {@code next} when it differs from {@code previous}; keeps it otherwise. */
    public static <S> StatusUpdate<S> ifChanged(S previous, S next) {
        return next.equals(previous) ? keep() : write(next);
    }
}

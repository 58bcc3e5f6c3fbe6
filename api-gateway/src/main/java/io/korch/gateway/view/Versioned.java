package io.korch.gateway.view;

/**
 * A value as of one record of its topic.
 *
 * @param value  the value, or null when that record was a tombstone
 * @param offset the offset of that record in its partition: the object's resource version
 * @param <V>    the value type
 */
public record Versioned<V>(V value, long offset) {

    /** Whether this is a deletion. */
    public boolean deleted() {
        return value == null;
    }
}

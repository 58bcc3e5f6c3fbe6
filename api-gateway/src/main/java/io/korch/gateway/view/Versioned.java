package io.korch.gateway.view;

/**
 * A record's value as of one change of the change log.
 *
 * @param value    the value, or null when that change deleted the record
 * @param revision the revision of that change ({@link io.korch.topics.Revisions})
 * @param <V>      the value type
 */
public record Versioned<V>(V value, long revision) {

    /** Whether this is a deletion. */
    public boolean deleted() {
        return value == null;
    }
}

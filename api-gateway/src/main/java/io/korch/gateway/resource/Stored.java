package io.korch.gateway.resource;

/**
 * An object as the view holds it.
 *
 * @param value          the object as declared (without merged status)
 * @param revision       the revision of the change that wrote its declaration: what a write based on it requires
 * @param owned          whether it lives in a controller-owned topic ({@code korch.owned.*})
 * @param objectRevision the revision of the latest change to any of its records: its resource version
 * @param <T>            the object type
 */
public record Stored<T>(T value, long revision, boolean owned, long objectRevision) {

    /** The resource version clients see and send back: the object's revision as a decimal string. */
    public String resourceVersion() {
        return Long.toString(objectRevision);
    }
}

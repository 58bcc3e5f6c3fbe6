package io.korch.gateway.resource;

/**
 * An object as the view holds it.
 *
 * @param value  the object as declared (without merged status)
 * @param offset the offset of the record holding it: its resource version
 * @param owned  whether it lives in a controller-owned topic ({@code korch.owned.*})
 * @param <T>    the object type
 */
public record Stored<T>(T value, long offset, boolean owned) {

    /** The resource version clients see and send back: the offset as a decimal string. */
    public String resourceVersion() {
        return Long.toString(offset);
    }
}

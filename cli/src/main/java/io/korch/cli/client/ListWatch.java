package io.korch.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * A collection that can be listed and then watched from the list's resourceVersion, as client-go's
 * {@code ListWatch}: what {@link WatchLoop} follows.
 */
public interface ListWatch {

    /**
     * The collection at one moment.
     *
     * @param items           the objects, in the server's order
     * @param resourceVersion the version of the collection they are at
     */
    record Snapshot(List<JsonNode> items, String resourceVersion) {
    }

    /** Lists the collection now. */
    Snapshot list();

    /**
     * Watches the changes after {@code resourceVersion}, handing each line of the stream to
     * {@code lines}, until the server ends the watch.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    void watch(String resourceVersion, Consumer<String> lines) throws InterruptedException;

    /**
     * The collection at {@code path} on the API, or one object of it.
     *
     * @param labelSelector a label selector, or null for every object
     * @param name          the one object's name, or null for every object
     */
    static ListWatch of(ApiClient client, String path, String labelSelector, String name) {
        return of(client, path, labelSelector, null, name);
    }

    /**
     * The collection at {@code path}, or one object of it, narrowed by a field selector too.
     *
     * @param fieldSelector a field selector ({@code status.phase=Running}), or null for none
     */
    static ListWatch of(ApiClient client, String path, String labelSelector, String fieldSelector, String name) {
        return new ApiListWatch(client, path, labelSelector, fieldSelector, name);
    }
}

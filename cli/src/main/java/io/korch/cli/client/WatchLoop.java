package io.korch.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows a collection as {@code kubectl get --watch} does, handing each change of an object to a
 * {@link Listener} until the thread is interrupted.
 *
 * <p>It starts from a listed {@link ListWatch.Snapshot} and watches from its resourceVersion,
 * remembering the last resourceVersion seen (bookmarks included). When the server ends the watch
 * (its timeout, or a client cut off for falling behind), it watches again from there. When that
 * version has expired (410, as an answer or as an ERROR event), it lists again and hands on what
 * differs from the objects it knew, as changes, then watches from the new list. Any other ERROR
 * event ends it with that refusal.
 */
public final class WatchLoop {

    /** Receives the changes, on the thread that runs {@link #follow}. */
    public interface Listener {

        /**
         * @param type   {@link WatchEvent#ADDED}, {@link WatchEvent#MODIFIED} or {@link WatchEvent#DELETED}
         * @param object the object after the change, or its last state when deleted
         */
        void changed(String type, JsonNode object);
    }

    private static final int GONE = 410;

    private final ListWatch source;
    private final Listener listener;
    private final Map<String, JsonNode> known = new HashMap<>();
    private String resourceVersion;

    public WatchLoop(ListWatch source, Listener listener) {
        this.source = source;
        this.listener = listener;
    }

    /**
     * Follows the collection from {@code start}, whose objects the caller has shown (or chose not
     * to), until interrupted.
     *
     * @throws InterruptedException when the thread is interrupted, which is how the loop ends
     * @throws ApiException         when the server refuses the watch or sends an ERROR other than 410
     */
    public void follow(ListWatch.Snapshot start) throws InterruptedException {
        start.items().forEach(object -> known.put(WatchEvent.keyOf(object), object));
        resourceVersion = start.resourceVersion();
        while (true) {
            try {
                source.watch(resourceVersion, this::onLine);
            } catch (ApiException e) {
                if (e.code() != GONE) {
                    throw e;
                }
                relist();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void onLine(String line) {
        WatchEvent event = WatchEvent.parse(line);
        if (event.type().equals(WatchEvent.ERROR)) {
            throw event.error();
        }
        if (!event.resourceVersion().isEmpty()) {
            resourceVersion = event.resourceVersion();
        }
        if (event.isChange()) {
            changed(event.type(), event.object());
        }
    }

    /** Lists again and hands on the differences from what was known, deletions last. */
    private void relist() {
        ListWatch.Snapshot now = source.list();
        Map<String, JsonNode> gone = new LinkedHashMap<>(known);
        for (JsonNode object : now.items()) {
            String key = WatchEvent.keyOf(object);
            JsonNode before = gone.remove(key);
            if (before == null) {
                changed(WatchEvent.ADDED, object);
            } else if (!versionOf(before).equals(versionOf(object))) {
                changed(WatchEvent.MODIFIED, object);
            }
        }
        gone.values().forEach(object -> changed(WatchEvent.DELETED, object));
        resourceVersion = now.resourceVersion();
    }

    private void changed(String type, JsonNode object) {
        if (type.equals(WatchEvent.DELETED)) {
            known.remove(WatchEvent.keyOf(object));
        } else {
            known.put(WatchEvent.keyOf(object), object);
        }
        listener.changed(type, object);
    }

    private static String versionOf(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }
}

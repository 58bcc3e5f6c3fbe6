package io.korch.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows a collection as {@code kubectl get --watch} does, handing each change of an object to a
 * {@link Listener} until the thread is interrupted.
 *
 * <p>It starts from a listed {@link ListWatch.Snapshot} and watches from its resourceVersion,
 * remembering the last resourceVersion seen (bookmarks included). When the server ends the watch
 * (its timeout, or a client cut off for falling behind), it watches again from there. When that
 * version has expired (410, as an answer or as an ERROR event), it lists again and hands on what
 * differs from the objects it knew, as changes, then watches from the new list. When the server
 * cannot be reached or the connection breaks, it says so once and tries again, waiting
 * {@link #FIRST_RETRY} doubling to {@link #LAST_RETRY}, from the last resourceVersion seen, so no
 * change is missed across a restart of the gateway. Any other ERROR event ends it with that refusal.
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

    /** Waits between attempts to reach the server again: {@code Thread::sleep}, or a test's clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final int GONE = 410;

    private final ListWatch source;
    private final Listener listener;
    private final Consumer<String> notices;
    private final Sleeper sleeper;
    private final Map<String, JsonNode> known = new HashMap<>();
    private String resourceVersion;
    private Duration retry = FIRST_RETRY;
    private boolean lost;

    /** A loop that ends when the server cannot be reached. */
    public WatchLoop(ListWatch source, Listener listener) {
        this(source, listener, null, null);
    }

    /**
     * A loop that rides out a lost connection: tells {@code notices} (a line for the user's
     * terminal) when it is lost and when it is back, and waits with {@code sleeper} between attempts.
     */
    public WatchLoop(ListWatch source, Listener listener, Consumer<String> notices, Sleeper sleeper) {
        this.source = source;
        this.listener = listener;
        this.notices = notices;
        this.sleeper = sleeper;
    }

    /**
     * A loop that rides out a lost connection, for a terminal: each notice a line of {@code err}
     * (flushed at once), the waits real ones.
     */
    public static WatchLoop toTerminal(ListWatch source, Listener listener, PrintWriter err) {
        return new WatchLoop(source, listener, notice -> {
            err.println(notice);
            err.flush();
        }, wait -> Thread.sleep(wait.toMillis()));
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
                watchOrRelist();
            } catch (ApiUnreachableException e) {
                if (sleeper == null) {
                    throw e;
                }
                waitToRetry(e);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void watchOrRelist() throws InterruptedException {
        try {
            source.watch(resourceVersion, this::onLine);
        } catch (ApiException e) {
            if (e.code() != GONE) {
                throw e;
            }
            relist();
        }
    }

    private void waitToRetry(ApiUnreachableException e) throws InterruptedException {
        if (!lost) {
            lost = true;
            notices.accept("lost the watch: " + e.getMessage() + "; watching again from resourceVersion "
                    + resourceVersion + " when it answers");
        }
        sleeper.sleep(retry);
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
    }

    private void onLine(String line) {
        if (lost) {
            lost = false;
            notices.accept("watching again");
        }
        retry = FIRST_RETRY;
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

package io.korch.gateway.watch;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Hands every change the gateway's view applies to the open watches, and keeps the recent ones
 * ({@link ChangeWindow}) so that a watch can resume from where a client left off. The feed thread
 * publishes; watches subscribe from the event loop. Publishing and subscribing exclude each other,
 * so a new watch gets every change after its resourceVersion exactly once: from the window (or
 * the change log, see {@link Subscription#replayUpTo}) up to the moment it subscribed, live after.
 */
public final class WatchHub {

    /** How many changes the window holds by default. */
    public static final int DEFAULT_WINDOW = 10_000;

    /**
     * What a new watch gets.
     *
     * @param replayUpTo 0 when the watch was served from the window and is live; else the revision
     *                   up to which the caller must replay the change log, live changes after it
     *                   being held in the meantime
     */
    public record Subscription(long replayUpTo) {
    }

    private final int capacity;
    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
    private ChangeWindow window;
    private long published;

    /** A hub whose window holds {@code capacity} changes, starting at revision 0. */
    public WatchHub(int capacity) {
        this.capacity = capacity;
        this.window = new ChangeWindow(capacity, 0);
    }

    /** Starts the window at {@code position}: the view held everything up to it before changes were published. */
    public synchronized void startAt(long position) {
        window = new ChangeWindow(capacity, position);
        published = Math.max(published, position);
    }

    /** Publishes one change the view applied. Feed thread. */
    public synchronized void publish(ObjectChange change) {
        window.add(change);
        published = Math.max(published, change.revision());
        for (Watcher watcher : watchers) {
            watcher.offer(change);
        }
    }

    /** The revision of the latest change published: every watch has been given every change up to it. */
    public synchronized long published() {
        return published;
    }

    /** The revision after which the window holds every change. */
    public synchronized long coveredFrom() {
        return window.coveredFrom();
    }

    /**
     * Subscribes {@code watcher} to the changes after {@code revision}: it is given those in the
     * window at once, or, when the window does not reach back that far, is told up to which
     * revision to replay the change log while its live changes are held.
     */
    public synchronized Subscription subscribe(Watcher watcher, long revision) {
        Optional<List<ObjectChange>> recent = window.after(revision);
        watchers.add(watcher);
        watcher.onClose(() -> watchers.remove(watcher));
        if (recent.isPresent()) {
            recent.get().forEach(watcher::deliver);
            return new Subscription(0);
        }
        watcher.holdLive();
        return new Subscription(published);
    }

    /** Subscribes {@code watcher} to the changes from now on. */
    public synchronized long subscribeFromNow(Watcher watcher) {
        watchers.add(watcher);
        watcher.onClose(() -> watchers.remove(watcher));
        return published;
    }

    /** How many watches are open. */
    public int watches() {
        return watchers.size();
    }
}

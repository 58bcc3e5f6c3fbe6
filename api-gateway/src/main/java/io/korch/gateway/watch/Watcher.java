package io.korch.gateway.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open watch: the changes its {@link WatchFilter} selects, queued as they come from any
 * thread and written to its connection ({@link WatchSink}: a chunked HTTP response or a
 * WebSocket) on its event loop, as fast as the client reads. A client that falls more than {@link #MAX_QUEUED_BYTES} behind is cut off — the
 * connection is closed and it watches again from its last resourceVersion — so no watch can fill
 * the gateway's memory.
 *
 * <p>While a watch replays changes older than the gateway's window from the change log, the live
 * changes that arrive meanwhile are held ({@link #holdLive}) and released after the replay, so the
 * client gets every change once and in order.
 *
 * <p>Each change is written as the watch's {@link WatchEncoding} says: the object as served, or the
 * Table or {@code PartialObjectMetadata} the client asked for.
 */
public final class Watcher {

    /** How far a client may fall behind before it is cut off. */
    public static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final Predicate<ObjectChange> filter;
    private final String what;
    private final Context context;
    private final WatchSink sink;
    private final long maxQueuedBytes;
    private final WatchEncoding encoding;
    private final Object encodingOrder = new Object();
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final List<ObjectChange> held = new ArrayList<>();
    private final Object room = new Object();
    private boolean holding;
    private Runnable onClose = () -> { };

    /** A watch writing what {@code filter} selects to {@code sink}, on {@code context}. */
    public Watcher(WatchFilter filter, Context context, WatchSink sink, long maxQueuedBytes) {
        this(filter::matches, filter.kind().plural(), context, sink, maxQueuedBytes);
    }

    /** A watch of {@code what} writing what {@code filter} selects to {@code sink}, on {@code context}. */
    public Watcher(Predicate<ObjectChange> filter, String what, Context context, WatchSink sink,
                   long maxQueuedBytes) {
        this(filter, what, context, sink, maxQueuedBytes, WatchEncoding.OBJECTS);
    }

    /**
     * A watch of {@code what} writing what {@code filter} selects to {@code sink}, on
     * {@code context}, each change as {@code encoding} writes it.
     */
    public Watcher(Predicate<ObjectChange> filter, String what, Context context, WatchSink sink,
                   long maxQueuedBytes, WatchEncoding encoding) {
        this.encoding = encoding;
        this.filter = filter;
        this.what = what;
        this.context = context;
        this.sink = sink;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Runs {@code action} once when the watch ends, however it ends. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Delivers {@code change} if the filter selects it (or holds it while a replay runs). Any thread. */
    void offer(ObjectChange change) {
        synchronized (held) {
            if (holding) {
                held.add(change);
                if (held.size() > 100_000) {
                    cutOff("it held too many live changes while replaying the change log");
                }
                return;
            }
        }
        deliver(change);
    }

    /** Delivers {@code change} now, bypassing a hold: a replayed change. */
    public void deliver(ObjectChange change) {
        if (change.revision() <= delivered.get() || !filter.test(change)) {
            return;
        }
        delivered.set(change.revision());
        enqueue(change);
    }

    /**
     * Delivers {@code change} whatever its revision, without moving the revision delivered: the
     * ADDED events of the objects that exist when a watch starts from no resourceVersion.
     */
    public void deliverExisting(ObjectChange change) {
        if (filter.test(change)) {
            enqueue(change);
        }
    }

    /** Takes everything up to {@code revision} as delivered: the watch starts after it. */
    public void deliveredUpTo(long revision) {
        delivered.accumulateAndGet(revision, Math::max);
    }

    /**
     * Waits while more than half of what the client may fall behind is queued: how a replay of the
     * change log keeps pace with the client instead of cutting it off.
     */
    public void awaitRoom() throws InterruptedException {
        synchronized (room) {
            while (queuedBytes.get() > maxQueuedBytes / 2 && !closed.get()) {
                room.wait(200);
            }
        }
    }

    /** Holds live changes from now until {@link #releaseHeld}. */
    public void holdLive() {
        synchronized (held) {
            holding = true;
        }
    }

    /** Delivers the held live changes newer than what was delivered, and stops holding. */
    public void releaseHeld() {
        synchronized (held) {
            held.forEach(this::deliver);
            held.clear();
            holding = false;
        }
    }

    /** Sends a bookmark at {@code revision} when every selected change up to it has been written. */
    public void bookmark(String apiVersion, String kind, LongSupplier position) {
        long revision = position.getAsLong();
        if (!queue.isEmpty() || closed.get()) {
            return;
        }
        ObjectNode object = encoding.bookmark(apiVersion, kind, Long.toString(Math.max(revision, delivered.get())));
        ObjectNode event = ApiJson.MAPPER.createObjectNode();
        event.put("type", ObjectChange.Type.BOOKMARK.name());
        event.set("object", object);
        enqueue(ObjectChange.lineOf(event));
    }

    /** Writes {@code line} (an ERROR event, say) and ends the watch. */
    public void endWith(byte[] line) {
        enqueue(line);
        context.runOnContext(ignored -> {
            drain();
            end();
        });
    }

    /** Ends the watch: the connection is ended in order, the client watches again if it wants. */
    public void end() {
        if (closed.compareAndSet(false, true)) {
            context.runOnContext(ignored -> {
                if (!sink.done()) {
                    drain();
                    sink.end();
                }
            });
            onClose.run();
        }
    }

    /** Whether the watch has ended. */
    public boolean closed() {
        return closed.get();
    }

    /** Queues the line of {@code change}: encoded and queued in one step, so lines are written in the order encoded. */
    private void enqueue(ObjectChange change) {
        synchronized (encodingOrder) {
            enqueue(encoding.line(change));
        }
    }

    private void enqueue(byte[] line) {
        if (closed.get()) {
            return;
        }
        queue.add(line);
        if (queuedBytes.addAndGet(line.length) > maxQueuedBytes) {
            cutOff("the client fell more than " + maxQueuedBytes + " bytes behind");
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    private void cutOff(String why) {
        if (closed.compareAndSet(false, true)) {
            LOG.info("closing a watch of {}: {}", what, why);
            queue.clear();
            queuedBytes.set(0);
            context.runOnContext(ignored -> {
                if (!sink.done()) {
                    sink.reset();
                }
            });
            onClose.run();
        }
    }

    /** Writes what is queued while the connection takes it; resumes when it drains. Event loop only. */
    private void drain() {
        drainScheduled.set(false);
        if (sink.done()) {
            return;
        }
        List<byte[]> batch = new ArrayList<>();
        int batchBytes = 0;
        byte[] line;
        while (!sink.writeQueueFull() && (line = queue.poll()) != null) {
            queuedBytes.addAndGet(-line.length);
            batch.add(line);
            batchBytes += line.length;
            if (batchBytes > 256 * 1024) {
                sink.write(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            sink.write(batch);
        }
        synchronized (room) {
            room.notifyAll();
        }
        if (!queue.isEmpty()) {
            sink.drainHandler(ignored -> drain());
        }
    }
}

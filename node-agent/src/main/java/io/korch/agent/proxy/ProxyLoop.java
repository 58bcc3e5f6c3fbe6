package io.korch.agent.proxy;

import io.korch.agent.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of the node proxy: a selector over the sockets it owns (listeners and relayed connections), the
 * tasks other threads hand it ({@link #execute}), and the deadlines it keeps ({@link #schedule}). Every socket
 * is touched only on its loop's thread, so the handlers need no locks. Keeps a small pool of direct buffers for
 * the relays of its thread.
 */
final class ProxyLoop implements AutoCloseable {

    /** Told that a key of this loop is ready, on the loop's thread. */
    interface Handler {
        void ready(SelectionKey key);
    }

    /** The size of each relay direction's buffer. */
    static final int BUFFER_SIZE = 32 * 1024;
    private static final int POOLED_BUFFERS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyLoop.class);

    private record Timer(long deadlineNanos, Runnable task) {
    }

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos(),
            b.deadlineNanos()));
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;

    ProxyLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = DaemonThreads.thread(this::run, name);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** Runs {@code task} on the loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop's thread and waits until it ran (at most 5 s). */
    void executeAndWait(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: a task did not complete: {}", thread.getName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code task} on the loop's thread after {@code delayNanos}; call on the loop's thread. */
    void schedule(long delayNanos, Runnable task) {
        timers.add(new Timer(System.nanoTime() + delayNanos, task));
    }

    /** A cleared buffer of {@link #BUFFER_SIZE}; call on the loop's thread. */
    ByteBuffer takeBuffer() {
        ByteBuffer buffer = buffers.poll();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(BUFFER_SIZE);
    }

    /** Gives back a buffer of {@link #takeBuffer}; call on the loop's thread. */
    void returnBuffer(ByteBuffer buffer) {
        if (buffers.size() < POOLED_BUFFERS) {
            buffers.push(buffer.clear());
        }
    }

    private void run() {
        while (!closed) {
            try {
                runTasks();
                long timeout = runDueTimers();
                if (timeout < 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout)));
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        ((Handler) key.attachment()).ready(key);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: {}", thread.getName(), e.toString(), e);
            }
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key);
        }
        closeQuietly(selector);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", thread.getName(), e.toString(), e);
            }
        }
    }

    /** Runs the timers that are due; the nanoseconds until the next one, or -1 when none is left. */
    private long runDueTimers() {
        while (!timers.isEmpty()) {
            long wait = timers.peek().deadlineNanos() - System.nanoTime();
            if (wait > 0) {
                return wait;
            }
            timers.poll().task().run();
        }
        return -1;
    }

    private static void closeQuietly(SelectionKey key) {
        try {
            key.channel().close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", key.channel(), e.toString());
        }
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector: {}", e.toString());
        }
    }

    /** Stops the loop and closes every socket it owns; waits briefly for its thread. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.korch.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lines of a streamed answer body, split on {@code \n} (a {@code \r} before it dropped) by
 * the HTTP client's threads and taken by the one thread that reads them. The body is asked for
 * more only when the lines of what came are all taken, so a slow reader holds the server back
 * rather than filling memory. The lines end when the body completes (its last line need not end
 * with a newline), fails, or is never subscribed to ({@link #end()}).
 */
final class LineQueue implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean cancelled;
    private Iterator<String> taking;

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (!subscription.compareAndSet(null, given) || cancelled) {
            given.cancel();
            return;
        }
        given.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        List<String> lines = new ArrayList<>();
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining()) {
                byte next = buffer.get();
                if (next == '\n') {
                    lines.add(takePartial());
                } else {
                    partial.write(next);
                }
            }
        }
        if (lines.isEmpty()) {
            request();
        } else {
            queue.add(lines);
        }
    }

    @Override
    public void onError(Throwable error) {
        queue.add(error);
    }

    @Override
    public void onComplete() {
        if (partial.size() > 0) {
            queue.add(List.of(takePartial()));
        }
        end();
    }

    /** Ends the lines: {@link #next()} answers null once the lines before are taken. */
    void end() {
        queue.add(END);
    }

    /**
     * The next line, waiting for it; null at the end.
     *
     * @throws IOException when the body failed
     */
    String next() throws InterruptedException, IOException {
        while (taking == null || !taking.hasNext()) {
            if (taking != null) {
                taking = null;
                request();
            }
            Object item = queue.take();
            if (item == END || item instanceof Throwable) {
                queue.add(item);
                if (item instanceof Throwable error) {
                    throw error instanceof IOException io ? io : new IOException(error);
                }
                return null;
            }
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) item;
            taking = lines.iterator();
        }
        return taking.next();
    }

    /** Stops the body: nothing more is asked for, and the connection is let go. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
    }

    private void request() {
        Flow.Subscription current = subscription.get();
        if (current != null && !cancelled) {
            current.request(1);
        }
    }

    private String takePartial() {
        byte[] bytes = partial.toByteArray();
        partial.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}

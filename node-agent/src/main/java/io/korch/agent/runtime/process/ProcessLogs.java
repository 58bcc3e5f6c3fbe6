package io.korch.agent.runtime.process;

import io.korch.agent.DaemonThreads;
import io.korch.agent.runtime.LogRequest;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.StreamHandle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Reads the log file of a local-process container. Every run appends to the same file, so a run is the part of
 * the file from the offset it started at: the latest run from its start offset, the previous runs up to it. The
 * file holds no times, so {@code since} cannot be applied and entries carry none. Following reads what was
 * appended every {@link #FOLLOW_INTERVAL_MILLIS} until the process ended.
 */
final class ProcessLogs {

    static final long FOLLOW_INTERVAL_MILLIS = 200;
    private static final ScheduledExecutorService FOLLOWERS = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-process-logs"));

    private ProcessLogs() {
    }

    /**
     * Streams {@code file} to {@code sink}.
     *
     * @param runStart the offset at which the latest run started writing
     * @param running  whether the process still runs, asked each time a follow finds nothing new
     */
    static StreamHandle stream(Path file, long runStart, LogRequest request, BooleanSupplier running, LogSink sink) {
        long from = request.previous() ? 0 : runStart;
        long to = request.previous() ? runStart : Long.MAX_VALUE;
        AtomicBoolean ended = new AtomicBoolean();
        Reader reader = new Reader(file, from, to, request.tailLines(), sink);
        try {
            reader.readAvailable();
        } catch (IOException e) {
            sink.end(e);
            return () -> { };
        }
        reader.flushTail();
        if (!request.follow()) {
            sink.end(null);
            return () -> { };
        }
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        Runnable stop = () -> {
            if (ended.compareAndSet(false, true)) {
                task[0].cancel(false);
                sink.end(null);
            }
        };
        task[0] = FOLLOWERS.scheduleWithFixedDelay(() -> {
            try {
                boolean alive = running.getAsBoolean();
                if (!reader.readAvailable() && !alive) {
                    stop.run();
                }
            } catch (IOException e) {
                if (ended.compareAndSet(false, true)) {
                    task[0].cancel(false);
                    sink.end(e);
                }
            }
        }, FOLLOW_INTERVAL_MILLIS, FOLLOW_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return stop::run;
    }

    /** Reads whole lines from an offset on; keeps the last lines when a tail is asked for. */
    private static final class Reader {
        private final Path file;
        private final long to;
        private final Deque<byte[]> tail;
        private final Integer tailLines;
        private final LogSink sink;
        private long offset;
        private boolean tailing;

        Reader(Path file, long from, long to, Integer tailLines, LogSink sink) {
            this.file = file;
            this.offset = from;
            this.to = to;
            this.tailLines = tailLines;
            this.tail = tailLines == null ? null : new ArrayDeque<>();
            this.tailing = tailLines != null;
            this.sink = sink;
        }

        /** Hands on the complete lines written since the last read; whether there were any. */
        boolean readAvailable() throws IOException {
            if (!Files.exists(file)) {
                return false;
            }
            byte[] chunk;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long end = Math.min(in.length(), to);
                if (end <= offset) {
                    return false;
                }
                chunk = new byte[(int) Math.min(end - offset, 1 << 20)];
                in.seek(offset);
                in.readFully(chunk);
            }
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    line(Arrays.copyOfRange(chunk, start, i + 1));
                    start = i + 1;
                }
            }
            offset += start;
            return start > 0;
        }

        void flushTail() {
            if (tailing) {
                tailing = false;
                tail.forEach(line -> sink.entry(null, line));
            }
        }

        private void line(byte[] line) {
            if (!tailing) {
                sink.entry(null, line);
                return;
            }
            tail.addLast(line);
            if (tail.size() > tailLines) {
                tail.removeFirst();
            }
        }
    }
}

package io.korch.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.korch.agent.runtime.LogRequest;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.LogWindow;
import io.korch.agent.runtime.StreamHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a container's log from Docker ({@code docker logs --timestamps}): asks Docker for the {@link LogWindow}
 * by the second, then keeps exactly the entries of the window by their nanosecond timestamps, which it strips
 * before handing them on. A tail of a window that ends before the log's end (the previous runs) is kept in
 * memory until the window is read.
 */
final class DockerLogs {

    private DockerLogs() {
    }

    static StreamHandle stream(DockerClient docker, String id, LogRequest request, LogSink sink) {
        InspectContainerResponse inspect;
        try {
            inspect = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("no such container: " + id, e);
        }
        InspectContainerResponse.ContainerState state = inspect.getState();
        Instant lastStart = LogWindow.latestRunStart(Boolean.TRUE.equals(state.getRunning()),
                time(state.getStartedAt()), time(state.getFinishedAt()));
        LogWindow window = LogWindow.of(request, lastStart);
        LogContainerCmd cmd = docker.logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withTimestamps(true)
                .withFollowStream(request.follow());
        if (window.fromSecondFloor() > 0) {
            cmd.withSince(window.fromSecondFloor());
        }
        if (window.untilSecondCeiling() > 0) {
            cmd.withUntil(window.untilSecondCeiling());
        }
        if (window.tailLines() != null && window.tailAtEnd()) {
            cmd.withTail(window.tailLines());
        }
        return cmd.exec(new Reader(window, sink))::closeQuietly;
    }

    private static Instant time(String value) {
        return value == null || value.isEmpty() || value.startsWith("0001-01-01") ? null : Instant.parse(value);
    }

    /** Splits Docker's timestamp off each frame and passes on the frames of the window. */
    private static final class Reader extends ResultCallback.Adapter<Frame> {
        private final LogWindow window;
        private final LogSink sink;
        private final Deque<Entry> tail;
        private final AtomicBoolean ended = new AtomicBoolean();

        Reader(LogWindow window, LogSink sink) {
            this.window = window;
            this.sink = sink;
            this.tail = window.tailLines() != null && !window.tailAtEnd() ? new ArrayDeque<>() : null;
        }

        @Override
        public void onNext(Frame frame) {
            Entry entry = Entry.parse(frame.getPayload());
            if (!window.includes(entry.time())) {
                return;
            }
            if (tail == null) {
                sink.entry(entry.time(), entry.bytes());
                return;
            }
            tail.addLast(entry);
            if (tail.size() > window.tailLines()) {
                tail.removeFirst();
            }
        }

        @Override
        public void onError(Throwable failure) {
            end(failure);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                end(e);
            }
            end(null);
        }

        private void end(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                if (tail != null && failure == null) {
                    tail.forEach(entry -> sink.entry(entry.time(), entry.bytes()));
                }
                sink.end(failure);
            }
        }
    }

    /** One log entry: Docker's RFC 3339 timestamp and the output after it. */
    record Entry(Instant time, byte[] bytes) {

        static Entry parse(byte[] payload) {
            int space = -1;
            for (int i = 0; i < payload.length && i < 40; i++) {
                if (payload[i] == ' ') {
                    space = i;
                    break;
                }
            }
            if (space < 0) {
                return new Entry(null, payload);
            }
            try {
                Instant time = Instant.parse(new String(payload, 0, space, StandardCharsets.US_ASCII));
                return new Entry(time, Arrays.copyOfRange(payload, space + 1, payload.length));
            } catch (DateTimeParseException e) {
                return new Entry(null, payload);
            }
        }
    }
}

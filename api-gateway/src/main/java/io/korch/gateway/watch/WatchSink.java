package io.korch.gateway.watch;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a {@link Watcher} writes its events, the two ways Kubernetes clients watch: a chunked HTTP
 * response of newline-delimited JSON (kubectl, client-go), or a WebSocket with one event per
 * message (the fabric8 client). Used on the connection's event loop only.
 */
public interface WatchSink {

    /** Whether the connection is gone or the watch was ended: nothing more is written. */
    boolean done();

    /** Whether the connection has as much queued as it should hold. */
    boolean writeQueueFull();

    /** Writes {@code lines}, one event each, in order. */
    void write(List<byte[]> lines);

    /** Calls {@code handler} once the queue has drained. */
    void drainHandler(Handler<Void> handler);

    /** Ends the watch in order: what was written arrives, then the end. */
    void end();

    /** Aborts the connection: the client sees it break and watches again. */
    void reset();

    /** Calls {@code handler} when the client goes. */
    void closeHandler(Handler<Void> handler);

    /** A chunked HTTP response, already started. */
    static WatchSink of(HttpServerResponse response) {
        return new WatchSink() {
            @Override
            public boolean done() {
                return response.closed() || response.ended();
            }

            @Override
            public boolean writeQueueFull() {
                return response.writeQueueFull();
            }

            @Override
            public void write(List<byte[]> lines) {
                Buffer batch = Buffer.buffer();
                lines.forEach(batch::appendBytes);
                response.write(batch);
            }

            @Override
            public void drainHandler(Handler<Void> handler) {
                response.drainHandler(handler);
            }

            @Override
            public void end() {
                response.end();
            }

            @Override
            public void reset() {
                response.reset();
            }

            @Override
            public void closeHandler(Handler<Void> handler) {
                response.closeHandler(handler);
            }
        };
    }

    /** A WebSocket: each event one text message. */
    static WatchSink of(ServerWebSocket socket) {
        return new WatchSink() {
            private boolean ended;

            @Override
            public boolean done() {
                return ended || socket.isClosed();
            }

            @Override
            public boolean writeQueueFull() {
                return socket.writeQueueFull();
            }

            @Override
            public void write(List<byte[]> lines) {
                lines.forEach(line -> socket.writeTextMessage(new String(line, StandardCharsets.UTF_8)));
            }

            @Override
            public void drainHandler(Handler<Void> handler) {
                socket.drainHandler(handler);
            }

            @Override
            public void end() {
                ended = true;
                socket.close();
            }

            @Override
            public void reset() {
                ended = true;
                socket.close((short) 1011, "watch cut off");
            }

            @Override
            public void closeHandler(Handler<Void> handler) {
                socket.closeHandler(handler);
            }
        };
    }
}

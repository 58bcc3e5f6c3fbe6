package io.korch.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One forwarded connection of a SPDY tunnel, carried to the agent as a WebSocket of its own speaking Kubernetes'
 * v4 port-forward protocol for one port: the client's bytes go out on data channel 0 (held until the socket is
 * open), its end of writing as the close signal of channel 0; what comes back on channel 0 and channel 1, after the
 * port each first message carries, goes to the {@link SpdyPortForward.Peer} as data and error text. The agent's
 * close is the connection's end. Runs on the tunnel's event loop.
 */
final class PortForwardConnection implements SpdyPortForward.Connection {

    private static final byte DATA = 0;
    private static final byte ERROR = 1;
    private static final byte CLOSE = (byte) 255;

    private final SpdyPortForward.Peer peer;
    private final List<byte[]> pending = new ArrayList<>();
    private WebSocket socket;
    private boolean endPending;
    private boolean closed;
    private boolean dataPortSeen;
    private boolean errorPortSeen;

    private PortForwardConnection(SpdyPortForward.Peer peer) {
        this.peer = peer;
    }

    /**
     * Dials the agent at {@code options} (its host, port and port-forward path without the port) for {@code port}.
     *
     * @param unreachable the words for an agent that does not answer, given its failure
     */
    static PortForwardConnection open(WebSocketClient webSockets, WebSocketConnectOptions options, int port,
                                      SpdyPortForward.Peer peer, java.util.function.Function<Throwable, String> unreachable) {
        PortForwardConnection connection = new PortForwardConnection(peer);
        WebSocketConnectOptions dial = new WebSocketConnectOptions(options)
                .setURI(options.getURI() + "?ports=" + port);
        webSockets.connect(dial).onComplete(opened -> {
            if (opened.succeeded()) {
                connection.opened(opened.result());
            } else if (opened.cause() instanceof UpgradeRejectedException rejected) {
                String body = rejected.getBody() == null ? "" : rejected.getBody().toString().trim();
                connection.failed("unable to upgrade connection: " + body);
            } else {
                connection.failed(unreachable.apply(opened.cause()));
            }
        });
        return connection;
    }

    private void opened(WebSocket opened) {
        if (closed) {
            opened.close();
            return;
        }
        socket = opened;
        socket.binaryMessageHandler(message -> received(message.getBytes()));
        socket.closeHandler(v -> peer.ended());
        socket.exceptionHandler(e -> socket.close());
        socket.drainHandler(v -> peer.resumeClient());
        pending.forEach(this::write);
        pending.clear();
        if (endPending) {
            endWriting();
        }
    }

    private void failed(String message) {
        peer.error(message);
        peer.ended();
    }

    private void received(byte[] message) {
        if (message.length == 0) {
            return;
        }
        byte[] data = Arrays.copyOfRange(message, 1, message.length);
        if (message[0] == DATA) {
            if (!dataPortSeen) {
                dataPortSeen = true;
                data = data.length <= 2 ? new byte[0] : Arrays.copyOfRange(data, 2, data.length);
            }
            peer.data(data);
            if (peer.clientBusy()) {
                socket.pause();
            }
        } else if (message[0] == ERROR) {
            if (!errorPortSeen) {
                errorPortSeen = true;
                data = data.length <= 2 ? new byte[0] : Arrays.copyOfRange(data, 2, data.length);
            }
            if (data.length > 0) {
                peer.error(new String(data, StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void write(byte[] data) {
        if (socket == null) {
            pending.add(data);
            return;
        }
        byte[] message = new byte[data.length + 1];
        message[0] = DATA;
        System.arraycopy(data, 0, message, 1, data.length);
        socket.writeBinaryMessage(Buffer.buffer(message));
        if (socket.writeQueueFull()) {
            peer.pauseClient();
        }
    }

    @Override
    public void endWriting() {
        if (socket == null) {
            endPending = true;
        } else if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(new byte[] {CLOSE, DATA}));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    @Override
    public void resume() {
        if (socket != null) {
            socket.resume();
        }
    }
}

package io.korch.agent.server;

import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one port-forward WebSocket to one TCP connection per requested port, as the kubelet does: it sends each
 * channel's port first, dials the pod's address on every port, then copies the bytes of data channel {@code 2n}
 * to and from the n-th connection. A refused dial goes out as the kubelet's message on error channel
 * {@code 2n+1}; the client's close signal of a data channel half-closes its connection; once every connection
 * ended the socket is closed normally, and a socket the client closes ends every connection. Client messages wait
 * (the socket is paused) until every dial is answered; each direction pauses its source while its destination's
 * write queue is full. Runs on the socket's event loop.
 */
final class PortForwardBridge {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwardBridge.class);

    private final NetClient dialer;
    private final PortForwardHandler.Target target;
    private final List<Integer> ports;
    private final ServerWebSocket socket;
    private final NetSocket[] connections;
    private final boolean[] ended;
    /** Per connection, its last write to the pod: a half-close waits for it. */
    private final Future<?>[] written;
    private int answered;

    PortForwardBridge(NetClient dialer, PortForwardHandler.Target target, List<Integer> ports, ServerWebSocket socket) {
        this.dialer = dialer;
        this.target = target;
        this.ports = ports;
        this.socket = socket;
        this.connections = new NetSocket[ports.size()];
        this.ended = new boolean[ports.size()];
        this.written = new Future<?>[ports.size()];
    }

    void start() {
        socket.pause();
        socket.binaryMessageHandler(message -> received(message.getBytes()));
        socket.closeHandler(v -> closeConnections());
        socket.exceptionHandler(e -> {
            LOG.debug("port-forward socket of pod {} failed: {}", target.pod(), e.getMessage());
            closeConnections();
        });
        socket.drainHandler(v -> {
            for (NetSocket connection : connections) {
                if (connection != null) {
                    connection.resume();
                }
            }
        });
        for (int i = 0; i < ports.size(); i++) {
            send(PortForwardProtocol.portMessage(PortForwardProtocol.dataChannel(i), ports.get(i)));
            send(PortForwardProtocol.portMessage(PortForwardProtocol.errorChannel(i), ports.get(i)));
        }
        String address = target.address().orElseThrow();
        for (int i = 0; i < ports.size(); i++) {
            int index = i;
            int port = ports.get(i);
            dialer.connect(port, address).onComplete(dialed -> {
                if (dialed.succeeded()) {
                    connected(index, dialed.result());
                } else {
                    String reason = PortForwardProtocol.dialError(address, port, dialed.cause());
                    send(PortForwardProtocol.frame(PortForwardProtocol.errorChannel(index),
                            PortForwardProtocol.forwardError(port, target.pod(), target.uid(), reason)
                                    .getBytes(StandardCharsets.UTF_8)));
                    end(index);
                }
                if (++answered == ports.size()) {
                    socket.resume();
                }
            });
        }
    }

    private void connected(int index, NetSocket connection) {
        if (socket.isClosed()) {
            connection.close();
            return;
        }
        connections[index] = connection;
        int channel = PortForwardProtocol.dataChannel(index);
        connection.handler(data -> {
            send(PortForwardProtocol.frame(channel, data.getBytes()));
            if (socket.writeQueueFull()) {
                connection.pause();
            }
        });
        connection.drainHandler(v -> socket.resume());
        connection.closeHandler(v -> end(index));
        connection.exceptionHandler(e -> LOG.debug("port-forward connection to pod {} port {} failed: {}",
                target.pod(), ports.get(index), e.getMessage()));
    }

    private void received(byte[] message) {
        if (message.length == 0) {
            return;
        }
        int channel = message[0] & 0xff;
        if (channel == (PortForwardProtocol.CLOSE & 0xff)) {
            if (message.length > 1 && (message[1] & 0xff) % 2 == 0) {
                halfClose((message[1] & 0xff) / 2);
            }
            return;
        }
        int index = channel / 2;
        if (channel % 2 != 0 || index >= ports.size() || connections[index] == null || ended[index]) {
            return;
        }
        NetSocket connection = connections[index];
        written[index] = connection.write(Buffer.buffer(PortForwardProtocol.data(message)));
        if (connection.writeQueueFull()) {
            socket.pause();
        }
    }

    /** Ends writing to the pod on connection {@code index}, keeping its answer coming. */
    private void halfClose(int index) {
        if (index < ports.size() && connections[index] instanceof NetSocketInternal internal
                && internal.channelHandlerContext().channel() instanceof DuplexChannel channel) {
            Future<?> last = written[index] == null ? Future.succeededFuture() : written[index];
            last.onComplete(done -> channel.shutdownOutput());
        }
    }

    private void end(int index) {
        if (ended[index]) {
            return;
        }
        ended[index] = true;
        for (boolean done : ended) {
            if (!done) {
                return;
            }
        }
        if (!socket.isClosed()) {
            socket.close();
        }
    }

    private void send(byte[] message) {
        if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(message));
        }
    }

    private void closeConnections() {
        for (NetSocket connection : connections) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}

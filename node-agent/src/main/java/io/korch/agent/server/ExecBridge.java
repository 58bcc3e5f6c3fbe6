package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ExecListener;
import io.korch.agent.runtime.ExecRequest;
import io.korch.agent.runtime.ExecSession;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one exec WebSocket to one runtime exec session. The command's output goes out framed on the stdout and
 * stderr channels; stdin messages, resizes and (v5) the close signal of stdin go to the session; when the command
 * exits its status goes out on the error channel and the socket is closed normally. The socket stays paused until
 * the session runs, so no input is lost; a socket the client closes ends the session.
 */
final class ExecBridge implements ExecListener {

    private static final Logger LOG = LoggerFactory.getLogger(ExecBridge.class);

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final String containerId;
    private final ExecRequest request;
    private final ServerWebSocket socket;
    private final AtomicReference<ExecSession> session = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The socket's event loop: closing it there keeps the close behind every frame written before. */
    private Context context;

    ExecBridge(Vertx vertx, ContainerRuntime runtime, String containerId, ExecRequest request,
               ServerWebSocket socket) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.containerId = containerId;
        this.request = request;
        this.socket = socket;
    }

    void start() {
        context = vertx.getOrCreateContext();
        socket.pause();
        socket.binaryMessageHandler(this::received);
        socket.closeHandler(v -> endSession());
        socket.exceptionHandler(e -> {
            LOG.debug("exec socket of container {} failed: {}", containerId, e.getMessage());
            endSession();
        });
        // as the kubelet does: an empty message on the first output channel tells the client the streams are up
        send(request.stdout() || request.tty() ? ChannelProtocol.STDOUT
                : request.stderr() ? ChannelProtocol.STDERR : ChannelProtocol.ERROR, new byte[0]);
        vertx.executeBlocking(() -> runtime.exec(containerId, request, this)).onComplete(started -> {
            if (started.failed()) {
                failed(started.cause());
            } else if (!session.compareAndSet(null, started.result()) || finished.get()) {
                started.result().close();
            } else {
                socket.resume();
            }
        });
    }

    private void received(Buffer message) {
        byte[] bytes = message.getBytes();
        ExecSession current = session.get();
        if (current == null) {
            return;
        }
        byte[] data = ChannelProtocol.data(bytes);
        switch (ChannelProtocol.channel(bytes)) {
            case ChannelProtocol.STDIN -> current.stdin(data);
            case ChannelProtocol.RESIZE -> ChannelProtocol.parseResize(data)
                    .ifPresent(size -> current.resize(size[0], size[1]));
            case ChannelProtocol.CLOSE & 0xff -> {
                if (data.length > 0 && data[0] == ChannelProtocol.STDIN
                        && ChannelProtocol.V5.equals(socket.subProtocol())) {
                    current.closeStdin();
                }
            }
            default -> LOG.debug("exec of container {}: message on unknown channel {}", containerId, bytes[0]);
        }
    }

    @Override
    public void stdout(byte[] bytes) {
        send(ChannelProtocol.STDOUT, bytes);
    }

    @Override
    public void stderr(byte[] bytes) {
        send(ChannelProtocol.STDERR, bytes);
    }

    @Override
    public void exited(int exitCode) {
        finish(ChannelProtocol.exitStatus(exitCode));
    }

    @Override
    public void failed(Throwable failure) {
        finish(ChannelProtocol.failureStatus("error executing command in container: " + failure.getMessage()));
    }

    private void finish(byte[] status) {
        if (finished.compareAndSet(false, true)) {
            send(ChannelProtocol.ERROR, status);
            context.runOnContext(v -> {
                if (!socket.isClosed()) {
                    socket.close();
                }
            });
            endSession();
        }
    }

    private void send(byte channel, byte[] data) {
        if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(ChannelProtocol.frame(channel, data)));
        }
    }

    private void endSession() {
        finished.set(true);
        ExecSession current = session.get();
        if (current != null) {
            current.close();
        }
    }
}

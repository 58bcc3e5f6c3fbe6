package io.korch.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent's port-forward endpoint on loopback, for the gateway's tests: it runs pod {@code default/web} only, and
 * speaks Kubernetes' v4 port-forward protocol as the agent does. Port {@value #ECHO} answers every message in upper
 * case and closes once the client ended writing; port {@value #REFUSED} is refused with the kubelet's message.
 * It counts the WebSockets it accepted.
 */
final class FakePortForwardAgent implements AutoCloseable {

    static final int ECHO = 7;
    static final int REFUSED = 9;
    static final String REFUSAL = "error forwarding port 9 to pod web_default, uid web-uid: dial tcp 10.244.0.5:9:"
            + " connect: connection refused";

    private final HttpServer server;
    private final AtomicInteger sockets = new AtomicInteger();

    FakePortForwardAgent(Vertx vertx) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("v4.channel.k8s.io")))
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** How many port-forward WebSockets it accepted. */
    int sockets() {
        return sockets.get();
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/portForward/default/web")) {
            request.response().setStatusCode(404).end("pod does not exist");
            return;
        }
        if (!request.canUpgradeToWebSocket()) {
            request.response().setStatusCode(400).end("korch forwards ports over WebSockets only");
            return;
        }
        List<Integer> ports = new ArrayList<>();
        request.params().getAll("ports").forEach(p -> ports.add(Integer.parseInt(p)));
        if (ports.isEmpty()) {
            request.response().setStatusCode(400).end("query parameter \"ports\" is required");
            return;
        }
        request.toWebSocket().onSuccess(socket -> serve(socket, ports));
    }

    private void serve(ServerWebSocket socket, List<Integer> ports) {
        sockets.incrementAndGet();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) (2 * i), (byte) port, (byte) (port >> 8)}));
            socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) (2 * i + 1), (byte) port, (byte) (port >> 8)}));
        }
        if (ports.get(0) == REFUSED) {
            socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) 1).appendString(REFUSAL));
            socket.close();
            return;
        }
        socket.binaryMessageHandler(message -> {
            if (message.getByte(0) == 0) {
                String text = message.getString(1, message.length(), StandardCharsets.UTF_8.name());
                socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) 0)
                        .appendString(text.toUpperCase(Locale.ROOT)));
            } else if (message.getByte(0) == (byte) 255) {
                socket.close();
            }
        });
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}

package io.korch.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.server.PortForwardProtocol;
import io.korch.cli.client.PortForwardClient.Forward;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PortForwardClient} against a gateway's {@code pods/portforward} faked on loopback, speaking Kubernetes' v4
 * WebSocket protocol: port 7 answers in upper case and closes once the client ended writing, port 9 is refused
 * with the kubelet's message, and pod {@code gone} is not found.
 */
class PortForwardClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REFUSAL = "error forwarding port 9 to pod web_default, uid u: dial tcp 10.244.0.5:9:"
            + " connect: connection refused";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Vertx vertx;
    private HttpServer gateway;
    private PortForwardClient forwarder;

    @BeforeEach
    void startGateway() throws Exception {
        vertx = Vertx.vertx();
        gateway = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(PortForwardProtocol.V4)))
                .requestHandler(this::portForward).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void everyLocalConnectionIsForwardedOverAWebSocketOfItsOwn() throws Exception {
        int local = listen("web", 7);

        assertThat(exchange(local, "one")).isEqualTo("ONE");
        assertThat(exchange(local, "two")).isEqualTo("TWO");
        await().atMost(WAIT).until(() -> out.toString().equals("Forwarding from 127.0.0.1:" + local + " -> 7\n"
                + "Handling connection for " + local + "\nHandling connection for " + local + "\n"));
    }

    @Test
    void aRefusedPortIsPrintedAndForwardingGoesOn() throws Exception {
        int local = listen("web", 9);

        assertThat(exchange(local, "anyone?")).isEmpty();
        await().atMost(WAIT).until(() -> err.toString().equals(
                "error: an error occurred forwarding " + local + " -> 9: " + REFUSAL + "\n"));
        assertThat(exchange(local, "again")).isEmpty();
        assertThat(forwarder.lost()).isNotDone();
    }

    @Test
    void aPodThatIsGoneEndsForwarding() throws Exception {
        int local = listen("gone", 7);

        exchange(local, "hello");

        await().atMost(WAIT).until(() -> forwarder.lost().isCompletedExceptionally());
        assertThat(err.toString()).contains("error upgrading connection: pods \"gone\" not found");
    }

    private int listen(String pod, int remote) {
        forwarder = new PortForwardClient(new ApiClient("http://127.0.0.1:" + gateway.actualPort()),
                "/api/v1/namespaces/default/pods/" + pod + "/portforward", new PrintWriter(out), new PrintWriter(err));
        List<Forward> bound = forwarder.listen(List.of("127.0.0.1"), List.of(new Forward(0, remote)));
        assertThat(bound).hasSize(1);
        return bound.get(0).local();
    }

    /** Writes {@code text} on a new local connection, ends writing, and reads the answer to its end. */
    private static String exchange(int local, String text) throws Exception {
        try (Socket connection = new Socket("127.0.0.1", local)) {
            connection.setSoTimeout((int) WAIT.toMillis());
            connection.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            connection.shutdownOutput();
            return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void portForward(HttpServerRequest request) {
        if (request.path().equals("/api/v1/namespaces/default/pods/gone/portforward")) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"pods \\\"gone\\\" not found\","
                            + "\"reason\":\"NotFound\",\"code\":404}");
            return;
        }
        int port = Integer.parseInt(request.getParam(PortForwardProtocol.PORTS));
        request.toWebSocket().onSuccess(socket -> serve(socket, port));
    }

    private static void serve(ServerWebSocket socket, int port) {
        socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.portMessage(0, port)));
        socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.portMessage(1, port)));
        if (port == 9) {
            socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(1,
                    REFUSAL.getBytes(StandardCharsets.UTF_8))));
            socket.close();
            return;
        }
        socket.binaryMessageHandler(message -> {
            if (message.getByte(0) == 0) {
                String text = message.getString(1, message.length(), StandardCharsets.UTF_8.name());
                socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(0,
                        text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))));
            } else if (message.getByte(0) == PortForwardProtocol.CLOSE) {
                socket.close();
            }
        });
    }
}

package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.server.PortForwardProtocol;
import io.korch.cli.testing.Cli;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code korch port-forward} against an API faked on loopback: Service {@code web} (port 80 targeting the container
 * port named {@code http}) selects pod {@code web-1}, Running, whose container names port 8080 {@code http};
 * pod {@code waiting} is Pending. The fake's {@code pods/portforward} answers every connection with the port it was
 * asked for and closes.
 */
class PortForwardCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");
    private static final String POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\","
            + "\"namespace\":\"default\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"main\","
            + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]}]},\"status\":{\"phase\":\"%s\"}}";
    private static final String SERVICE = "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"default\"},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"name\":\"web\","
            + "\"port\":80,\"targetPort\":\"http\"}]}}";

    private final Map<String, String> forwardedTo = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpServer api;

    @BeforeEach
    void startApi() throws Exception {
        vertx = Vertx.vertx();
        api = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(PortForwardProtocol.V4)))
                .requestHandler(this::serve).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopApi() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aServiceIsForwardedToTheContainerPortItTargetsOnOneOfItsPods() throws Exception {
        Cli.Running running = korch().start("--server", server(), "port-forward", "svc/web", ":80");
        try {
            int local = awaitForwarding(running, 8080);

            try (Socket connection = new Socket("127.0.0.1", local)) {
                connection.setSoTimeout((int) WAIT.toMillis());
                assertThat(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("port 8080");
            }
            assertThat(forwardedTo).containsEntry("web-1", "8080");
            await().atMost(WAIT).until(() -> running.out().contains("Handling connection for " + local));
        } finally {
            assertThat(running.stop().exitCode()).isZero();
        }
    }

    @Test
    void aPodThatIsNotRunningIsRefusedWithKubectlsWords() {
        Cli.Result result = korch().run("--server", server(), "port-forward", "pod/waiting", "8080");

        assertThat(result.exitCode()).isOne();
        assertThat(result.err()).contains("unable to forward port because pod is not running. Current status=Pending");
    }

    @Test
    void portsAreRequired() {
        Cli.Result result = korch().run("--server", server(), "port-forward", "pod/web-1");

        assertThat(result.exitCode()).isOne();
        assertThat(result.err()).contains("TYPE/NAME and list of ports are required for port-forward");
    }

    private static int awaitForwarding(Cli.Running running, int remote) {
        await().atMost(WAIT).until(() -> FORWARDING.matcher(running.out()).find());
        Matcher matcher = FORWARDING.matcher(running.out());
        assertThat(matcher.find()).isTrue();
        assertThat(Integer.parseInt(matcher.group(2))).isEqualTo(remote);
        return Integer.parseInt(matcher.group(1));
    }

    private String server() {
        return "http://127.0.0.1:" + api.actualPort();
    }

    private void serve(HttpServerRequest request) {
        String path = request.path();
        String pods = "/api/v1/namespaces/default/pods";
        if (path.equals("/api/v1/namespaces/default/services/web")) {
            json(request, SERVICE);
        } else if (path.equals(pods) && "app=web".equals(request.getParam("labelSelector"))) {
            json(request, "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[" + POD.formatted("web-1", "Running")
                    + "]}");
        } else if (path.equals(pods + "/web-1")) {
            json(request, POD.formatted("web-1", "Running"));
        } else if (path.equals(pods + "/waiting")) {
            json(request, POD.formatted("waiting", "Pending"));
        } else if (path.equals(pods + "/web-1/portforward") && request.canUpgradeToWebSocket()) {
            String port = request.getParam(PortForwardProtocol.PORTS);
            forwardedTo.put("web-1", port);
            request.toWebSocket().onSuccess(socket -> {
                int number = Integer.parseInt(port);
                socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.portMessage(0, number)));
                socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.portMessage(1, number)));
                socket.writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(0,
                        ("port " + port).getBytes(StandardCharsets.UTF_8))));
                socket.close();
            });
        } else {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
    }

    private static void json(HttpServerRequest request, String body) {
        request.response().putHeader("Content-Type", "application/json").end(body);
    }
}

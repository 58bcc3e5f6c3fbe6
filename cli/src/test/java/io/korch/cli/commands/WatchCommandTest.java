package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.korch.cli.testing.Cli;
import io.korch.cli.testing.Fixtures;
import io.korch.json.ApiJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code korch get --watch} against a canned API: the list holds one pod at resourceVersion 10,
 * the first watch sends a change and ends as a server timeout does, the second sends an ERROR.
 */
class WatchCommandTest {

    private final List<String> watches = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/namespaces/default/pods", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void watchesAgainFromTheLastVersionThenEndsAnErrorWithItsMessageOnOneLine() throws InterruptedException {
        // when
        Cli.Result result = korch().start("get", "pods", "-w", "--server", "http://127.0.0.1:" + server.getAddress().getPort())
                .awaitExit();

        // then
        assertThat(watches).containsExactly("resourceVersion=10", "resourceVersion=11");
        assertThat(result.out().lines()).hasSize(3).element(2).asString().startsWith("web-2 ");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error from server (InternalError): the change log cannot be read\n");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String body;
        if (query == null || !query.contains("watch=true")) {
            body = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"10\"},\"items\":["
                    + pod("web-1", "9") + "]}";
        } else {
            String from = query.replaceAll(".*(resourceVersion=\\d+).*", "$1");
            watches.add(from);
            body = from.endsWith("=10")
                    ? "{\"type\":\"ADDED\",\"object\":" + pod("web-2", "11") + "}\n"
                    : "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":500,"
                            + "\"reason\":\"InternalError\",\"message\":\"the change log cannot be read\"}}\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String pod(String name, String resourceVersion) {
        ObjectNode json = ApiJson.write(Fixtures.pod(name).namespace("default").build());
        ((ObjectNode) json.get("metadata")).put("resourceVersion", resourceVersion);
        return json.toString();
    }
}

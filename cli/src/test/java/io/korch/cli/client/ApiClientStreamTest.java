package io.korch.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ApiClient#stream} against a small HTTP server that answers as a watch does. */
class ApiClientStreamTest {

    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private ApiClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/lines", exchange -> answer(exchange, 200, "{\"n\":1}\n\n{\"n\":2}\r\n{\"n\":3}", false));
        server.createContext("/refused", exchange -> answer(exchange, 410,
                "{\"kind\":\"Status\",\"reason\":\"Expired\",\"message\":\"too old resource version: 1 (5)\",\"code\":410}",
                false));
        server.createContext("/open", exchange -> answer(exchange, 200, "{\"n\":1}\n", true));
        server.start();
        client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void handsOnEachLineUntilTheServerEndsTheAnswer() throws InterruptedException {
        // given
        List<String> lines = new CopyOnWriteArrayList<>();

        // when
        client.stream("/lines", lines::add);

        // then: blank lines are skipped
        assertThat(lines).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void turnsARefusalIntoAnApiException() {
        assertThatThrownBy(() -> client.stream("/refused", line -> { }))
                .isInstanceOf(ApiException.class)
                .hasMessage("too old resource version: 1 (5)")
                .extracting(e -> ((ApiException) e).code()).isEqualTo(410);
    }

    @Test
    void stopsWhenTheThreadIsInterruptedWhileTheAnswerStaysOpen() throws InterruptedException {
        // given: a stream that sends one line and then nothing
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                client.stream("/open", lines::add);
            } catch (InterruptedException | RuntimeException e) {
                ended.set(e);
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 1);

        // when
        reader.interrupt();

        // then
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reader.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    private void answer(HttpExchange exchange, int code, String body, boolean keepOpen) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (keepOpen) {
                released.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

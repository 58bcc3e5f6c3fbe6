package io.korch.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.api.Pod;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.korch.testkit.Pods;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A watch over a real connection: a client that stops reading is cut off once it falls behind; one
 * that reads is not. 20,000 events of about 1 KiB are far more than the sockets' buffers hold.
 */
class WatcherTest {

    private static final long LIMIT = 64 * 1024;
    private static final int CHANGES = 20_000;

    private Vertx vertx;
    private HttpServer server;
    private final AtomicReference<Watcher> watcher = new AtomicReference<>();

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        WatchFilter everything = new WatchFilter(ApiKind.POD, null, Selector.parse(null), FieldSelector.parse(null));
        server = vertx.createHttpServer().requestHandler(request -> {
            request.response().setChunked(true).putHeader("Content-Type", "application/json").writeHead();
            watcher.set(new Watcher(everything, vertx.getOrCreateContext(), WatchSink.of(request.response()), LIMIT));
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatStopsReadingIsCutOffAndWhatIsQueuedForItStaysBounded() throws Exception {
        try (Socket client = connect()) {
            Watcher open = await().atMost(Duration.ofSeconds(10)).until(watcher::get, w -> w != null);

            for (int i = 0; i < CHANGES && !open.closed(); i++) {
                open.offer(change(i));
            }

            assertThat(open.closed()).as("cut off after falling %d bytes behind", LIMIT).isTrue();
        }
    }

    @Test
    void aClientThatReadsGetsEveryChange() throws Exception {
        try (Socket client = connect()) {
            Watcher open = await().atMost(Duration.ofSeconds(10)).until(watcher::get, w -> w != null);
            AtomicLong lines = new AtomicLong();
            Thread reader = new Thread(() -> countLines(client, lines));
            reader.start();

            for (int i = 0; i < CHANGES; i++) {
                open.awaitRoom();
                open.offer(change(i));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.get() >= CHANGES);
            assertThat(open.closed()).isFalse();
        }
    }

    private Socket connect() throws Exception {
        Socket client = new Socket();
        client.setReceiveBufferSize(4096);
        client.connect(new java.net.InetSocketAddress("127.0.0.1", server.actualPort()));
        OutputStream out = client.getOutputStream();
        out.write("GET /watch HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return client;
    }

    private static void countLines(Socket client, AtomicLong lines) {
        try (InputStream in = client.getInputStream()) {
            int read;
            int previous = 0;
            byte[] buffer = new byte[64 * 1024];
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    // an event line ends with "}\n"; the chunked framing's line ends are "\r\n"
                    if (buffer[i] == '\n' && previous == '}') {
                        lines.incrementAndGet();
                    }
                    previous = buffer[i];
                }
            }
        } catch (java.io.IOException e) {
            // the test closed the socket
        }
    }

    private static ObjectChange change(int i) {
        Pod pod = Pods.pod("p" + i).label("filler", "x".repeat(60)).build();
        pod.getMetadata().setAnnotations(java.util.Map.of("padding", "y".repeat(900)));
        return new ObjectChange(i + 1, ApiKind.POD, "default/p" + i, ObjectChange.Type.ADDED, pod);
    }
}

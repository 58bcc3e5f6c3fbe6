package io.korch.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC health check against a real HTTP/2 server on loopback (cleartext, prior knowledge, as gRPC
 * servers speak it) that answers {@code grpc.health.v1.Health/Check} with the status the test sets.
 */
class GrpcHealthCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicReference<Integer> status = new AtomicReference<>(1);
    private final AtomicReference<String> askedPath = new AtomicReference<>();
    private final AtomicReference<Buffer> askedBody = new AtomicReference<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setHttp2ClearTextEnabled(true))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    askedPath.set(request.path());
                    askedBody.set(body);
                    // a length-prefixed HealthCheckResponse {status = N}
                    Buffer message = Buffer.buffer().appendByte((byte) 0).appendInt(2)
                            .appendByte((byte) 0x08).appendByte(status.get().byteValue());
                    request.response().putHeader("content-type", "application/grpc")
                            .putTrailer("grpc-status", "0").end(message);
                }))
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServingServiceSucceeds() {
        ProbeOutcome outcome = GrpcHealthCheck.check("127.0.0.1", server.actualPort(), "shop", TIMEOUT);

        assertThat(outcome.result()).isEqualTo(ProbeResult.SUCCESS);
        assertThat(askedPath.get()).isEqualTo("/grpc.health.v1.Health/Check");
        // a length-prefixed HealthCheckRequest {service = "shop"}
        assertThat(askedBody.get().getBytes()).containsExactly(0, 0, 0, 0, 6, 0x0a, 4, 's', 'h', 'o', 'p');
    }

    @Test
    void aServiceThatIsNotServingFailsWithItsStatus() {
        status.set(2);

        ProbeOutcome outcome = GrpcHealthCheck.check("127.0.0.1", server.actualPort(), null, TIMEOUT);

        assertThat(outcome.result()).isEqualTo(ProbeResult.FAILURE);
        assertThat(outcome.output()).isEqualTo("service unhealthy (responded with \"NOT_SERVING\")");
    }

    @Test
    void nothingListeningFailsSayingWhere() throws Exception {
        int port = server.actualPort();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx = Vertx.vertx();

        ProbeOutcome outcome = GrpcHealthCheck.check("127.0.0.1", port, null, TIMEOUT);

        assertThat(outcome.result()).isEqualTo(ProbeResult.FAILURE);
        assertThat(outcome.output()).startsWith("error: failed to connect service at \"127.0.0.1:" + port + "\"");
    }
}

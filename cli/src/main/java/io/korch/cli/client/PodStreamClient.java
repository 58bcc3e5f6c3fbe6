package io.korch.cli.client;

import io.korch.agent.server.ChannelProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The streaming calls of the pod API: {@code pods/log}, copied byte for byte as it arrives, and {@code pods/exec}
 * over a WebSocket speaking {@link ChannelProtocol} v5 (v4 accepted). Errors are {@link ApiException}s carrying the
 * server's words, as {@link ApiClient}'s.
 */
public final class PodStreamClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String server;
    private final HttpClient http;

    public PodStreamClient(ApiClient api) {
        this.server = api.server();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * GETs {@code path} and copies the answer to {@code out} as it arrives, flushing after every read. The copy
     * runs on a thread of its own, so that interrupting the caller (a followed log has no end) closes the
     * answer and returns at once.
     */
    public void copyLog(String path, OutputStream out) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + path)).GET().build();
        CompletableFuture<HttpResponse<InputStream>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        }
        InputStream body = response.body();
        CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> copy(response.statusCode(), body, out),
                command -> {
                    Thread copier = new Thread(command, "korch logs");
                    copier.setDaemon(true);
                    copier.start();
                });
        try {
            copied.get();
        } catch (InterruptedException e) {
            closeQuietly(body);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw unreachable(e.getCause());
        }
    }

    private void copy(int status, InputStream body, OutputStream out) {
        try (body) {
            if (status / 100 != 2) {
                throw ApiClient.error(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private ApiUnreachableException unreachable(Throwable cause) {
        String reason = cause == null ? "no answer" : cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new ApiUnreachableException(server, reason, cause);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the log is abandoned either way
        }
    }

    /** What an exec session hands its caller. */
    public interface ExecStreams {
        void stdout(byte[] bytes);

        void stderr(byte[] bytes);
    }

    /** An open exec session. */
    public interface ExecConnection {
        /** Sends input to the command. */
        void stdin(byte[] bytes);

        /** Ends the command's input (v5), so that a command reading it to its end can finish. */
        void closeStdin();

        /** Tells the command's terminal its size. */
        void resize(int width, int height);

        /** The command's exit code once it ended; fails with {@link ChannelProtocol.ExecFailure} otherwise. */
        CompletableFuture<Integer> exitCode();
    }

    /**
     * Opens {@code path} (a {@code pods/exec} path with its query) as an exec WebSocket.
     *
     * @throws ApiException when the server refuses the upgrade, with its message
     */
    public ExecConnection exec(String path, ExecStreams streams) throws InterruptedException {
        URI uri = URI.create(server.replaceFirst("^http", "ws") + path);
        Session session = new Session(streams);
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .subprotocols(ChannelProtocol.V5, ChannelProtocol.V4)
                    .buildAsync(uri, session)
                    .get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            session.socket = socket;
            return session;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                Object body = response.body();
                String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : body == null ? "" : body.toString();
                ApiException error = ApiClient.error(response.statusCode(), text);
                throw text.trim().startsWith("{") ? error : new ApiException(error.code(), error.reason(),
                        "unable to upgrade connection: " + error.getMessage());
            }
            throw new ApiUnreachableException(server, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new ApiUnreachableException(server, "no answer to the exec upgrade within "
                    + CONNECT_TIMEOUT.toSeconds() * 2 + " s", e);
        }
    }

    /** Demultiplexes the channels of one exec WebSocket. */
    private static final class Session implements WebSocket.Listener, ExecConnection {
        private final ExecStreams streams;
        private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        private volatile WebSocket socket;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        Session(ExecStreams streams) {
            this.streams = streams;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                byte[] whole = message.toByteArray();
                message.reset();
                dispatch(whole);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(byte[] whole) {
            byte[] data = ChannelProtocol.data(whole);
            switch (ChannelProtocol.channel(whole)) {
                case ChannelProtocol.STDOUT -> streams.stdout(data);
                case ChannelProtocol.STDERR -> streams.stderr(data);
                case ChannelProtocol.ERROR -> {
                    try {
                        exitCode.complete(ChannelProtocol.exitCodeOf(data));
                    } catch (ChannelProtocol.ExecFailure e) {
                        exitCode.completeExceptionally(e);
                    }
                }
                default -> {
                    // other channels carry nothing for the client
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            exitCode.completeExceptionally(new ChannelProtocol.ExecFailure(
                    "the connection closed before the command's status arrived"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            exitCode.completeExceptionally(new ChannelProtocol.ExecFailure("the connection broke: " + error.getMessage()));
        }

        @Override
        public synchronized void stdin(byte[] bytes) {
            send(ChannelProtocol.frame(ChannelProtocol.STDIN, bytes));
        }

        @Override
        public synchronized void closeStdin() {
            if (ChannelProtocol.V5.equals(socket.getSubprotocol())) {
                send(ChannelProtocol.closeSignal(ChannelProtocol.STDIN));
            }
        }

        @Override
        public synchronized void resize(int width, int height) {
            send(ChannelProtocol.frame(ChannelProtocol.RESIZE, ChannelProtocol.resize(width, height)));
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            return exitCode;
        }

        /** Sends one message after the one before: java.net.http allows one outstanding send. */
        private void send(byte[] message) {
            sending = sending.thenCompose(ignored -> socket.sendBinary(ByteBuffer.wrap(message), true));
            sending.join();
        }
    }
}

package io.korch.cli.client;

import io.korch.agent.server.PortForwardProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of {@code pods/portforward}, as kubectl forwards ports: it listens on the given local addresses
 * and ports and, for every connection accepted, says {@code Handling connection for LOCAL} and opens a WebSocket of
 * its own to the pod's port ({@link PortForwardProtocol}, {@code ?ports=REMOTE}). Bytes are copied both ways, the
 * first message of each channel being the port; the local end of writing is passed on as the close signal of the
 * data channel, and the connection is closed when the server closes the WebSocket. What the server writes on the
 * error channel is printed as kubectl prints it ({@code an error occurred forwarding L -> R: ...}) and forwarding
 * goes on; a refused upgrade is printed too, and one saying the pod is gone (404) ends forwarding:
 * {@link #lost()} fails. Each connection has a thread copying local input; the other direction runs on the HTTP
 * client's threads.
 */
public final class PortForwardClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** One forwarded port: {@code local} 0 until it is bound. */
    public record Forward(int local, int remote) {
    }

    private final String server;
    private final String path;
    private final PrintWriter out;
    private final PrintWriter err;
    private final HttpClient http;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> lost = new CompletableFuture<>();

    /**
     * A client forwarding to the pod whose {@code pods/portforward} path (no query) is {@code path}, reporting to
     * {@code out} and {@code err}.
     */
    public PortForwardClient(ApiClient api, String path, PrintWriter out, PrintWriter err) {
        this.server = api.server();
        this.path = path;
        this.out = out;
        this.err = err;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Listens on every address for every forward, printing {@code Forwarding from ADDRESS:LOCAL -> REMOTE} for each
     * listener and {@code Unable to listen on port ...} for each port it could not bind.
     *
     * @return the forwards with their bound local ports, those that could not be bound left out
     */
    public synchronized List<Forward> listen(List<String> addresses, List<Forward> forwards) {
        List<Forward> bound = new ArrayList<>();
        for (Forward forward : forwards) {
            int local = forward.local();
            List<String> errors = new ArrayList<>();
            for (String address : addresses) {
                try {
                    ServerSocket listener = new ServerSocket();
                    listener.bind(new InetSocketAddress(InetAddress.getByName(address), local));
                    local = listener.getLocalPort();
                    listeners.add(listener);
                    say(out, "Forwarding from " + address + ":" + local + " -> " + forward.remote());
                    Forward accepted = new Forward(local, forward.remote());
                    Thread acceptor = new Thread(() -> accept(listener, accepted), "korch port-forward " + local);
                    acceptor.setDaemon(true);
                    acceptor.start();
                } catch (IOException e) {
                    errors.add("unable to create listener: Error listen tcp4 " + address + ":" + local + ": bind: "
                            + String.valueOf(e.getMessage()).toLowerCase());
                }
            }
            if (errors.size() == addresses.size()) {
                say(err, "Unable to listen on port " + forward.local() + ": Listeners failed to create with the"
                        + " following errors: " + errors);
            } else {
                bound.add(new Forward(local, forward.remote()));
            }
        }
        return bound;
    }

    /** Completes exceptionally, with the server's words, once the pod is gone; never completes otherwise. */
    public CompletableFuture<Void> lost() {
        return lost;
    }

    /** Stops listening and ends every forwarded connection. */
    @Override
    public synchronized void close() {
        for (ServerSocket listener : listeners) {
            closeQuietly(listener);
        }
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
    }

    private void accept(ServerSocket listener, Forward forward) {
        while (!listener.isClosed()) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(connection);
            Thread handler = new Thread(() -> handle(connection, forward), "korch port-forward connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket connection, Forward forward) {
        say(out, "Handling connection for " + forward.local());
        Stream stream = new Stream(connection, forward);
        URI uri = URI.create(server.replaceFirst("^http", "ws") + path + "?" + PortForwardProtocol.PORTS + "="
                + forward.remote());
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .subprotocols(PortForwardProtocol.V4)
                    .buildAsync(uri, stream)
                    .get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            refused(forward, e instanceof ExecutionException ? e.getCause() : e);
            end(connection);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(connection);
            return;
        }
        stream.copyLocalInput(socket);
    }

    private void refused(Forward forward, Throwable failure) {
        if (failure instanceof WebSocketHandshakeException refused) {
            HttpResponse<?> response = refused.getResponse();
            String text = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : String.valueOf(response.body());
            ApiException error = ApiClient.error(response.statusCode(), text);
            say(err, "error: error upgrading connection: " + error.getMessage());
            if (error.isNotFound()) {
                lost.completeExceptionally(error);
            }
            return;
        }
        say(err, "error: an error occurred forwarding " + forward.local() + " -> " + forward.remote() + ": "
                + (failure.getMessage() == null ? failure : failure.getMessage()));
    }

    private void end(Socket connection) {
        connections.remove(connection);
        closeQuietly(connection);
    }

    private static synchronized void say(PrintWriter writer, String line) {
        writer.println(line);
        writer.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // it is being abandoned either way
        }
    }

    /** One forwarded connection: the local socket and the channels of its WebSocket. */
    private final class Stream implements WebSocket.Listener {
        private final Socket connection;
        private final Forward forward;
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private final ByteArrayOutputStream error = new ByteArrayOutputStream();
        private boolean dataPortSeen;
        private boolean errorPortSeen;

        Stream(Socket connection, Forward forward) {
            this.connection = connection;
            this.forward = forward;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                byte[] whole = message.toByteArray();
                message.reset();
                received(socket, whole);
            }
            socket.request(1);
            return null;
        }

        private void received(WebSocket socket, byte[] whole) {
            if (whole.length == 0) {
                return;
            }
            byte[] data = PortForwardProtocol.data(whole);
            if (whole[0] == PortForwardProtocol.dataChannel(0)) {
                if (!dataPortSeen) {
                    dataPortSeen = true;
                    data = Arrays.copyOfRange(data, Math.min(2, data.length), data.length);
                }
                try {
                    connection.getOutputStream().write(data);
                } catch (IOException e) {
                    socket.abort();
                    end(connection);
                }
            } else if (whole[0] == PortForwardProtocol.errorChannel(0)) {
                if (!errorPortSeen) {
                    errorPortSeen = true;
                    data = Arrays.copyOfRange(data, Math.min(2, data.length), data.length);
                }
                error.writeBytes(data);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            finished();
            socket.abort();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable failure) {
            finished();
        }

        private void finished() {
            if (error.size() > 0) {
                say(err, "error: an error occurred forwarding " + forward.local() + " -> " + forward.remote() + ": "
                        + error.toString(StandardCharsets.UTF_8));
                error.reset();
            }
            end(connection);
        }

        /** Sends what the local side writes until its end, then the close signal; runs on the calling thread. */
        void copyLocalInput(WebSocket socket) {
            byte[] buffer = new byte[32 * 1024];
            try {
                InputStream input = connection.getInputStream();
                for (int n; (n = input.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        socket.sendBinary(ByteBuffer.wrap(PortForwardProtocol.frame(0, Arrays.copyOf(buffer, n))),
                                true).join();
                    }
                }
                if (!socket.isOutputClosed()) {
                    socket.sendBinary(ByteBuffer.wrap(PortForwardProtocol.closeSignal(0)), true).join();
                }
            } catch (IOException | RuntimeException e) {
                socket.abort();
                end(connection);
            }
        }
    }
}

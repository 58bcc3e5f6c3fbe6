package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.AgentConfig;
import io.korch.agent.NodeAgent;
import io.korch.agent.SharedCluster;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's port-forward endpoint against a real broker and real Docker: one agent runs one pod whose busybox
 * httpd serves a page on port 80; the tests call the endpoint as the gateway does, over a WebSocket on loopback,
 * and the agent dials the container's own address. Nothing else is dialled.
 */
class PortForwardDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PAGE = "hello from the pod";
    private static final String HTTPD = "mkdir -p /www && echo " + PAGE + " > /www/index.html && httpd -f -p 80 -h /www";
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();
    private static Vertx vertx;

    private final String node = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    private final String podName = "httpd-" + UUID.randomUUID().toString().substring(0, 8);
    private NodeAgent agent;
    private HttpClient http;
    private WebSocketClient webSockets;

    @BeforeAll
    static void connectToDockerAndStartVertx() {
        docker = DockerAvailable.runtime();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertxAndDocker() {
        if (vertx != null) {
            vertx.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @BeforeEach
    void startAgentWithHttpdPod() {
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), docker);
        http = vertx.createHttpClient();
        webSockets = vertx.createWebSocketClient();
        Pod pod = Pods.pod(podName).command("sh", "-c", HTTPD).build();
        cluster.get().assign(node, pod);
        // a request that does not upgrade is answered 400 once the pod runs here, 404 before
        await().atMost(WAIT).until(() -> status("/portForward/default/" + podName) == 400);
        // the container runs before its httpd listens
        await().atMost(WAIT).until(this::answersThroughAForward);
    }

    private boolean answersThroughAForward() throws Exception {
        Forward forward = open("?ports=80");
        forward.socket().writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(0,
                REQUEST.getBytes(StandardCharsets.UTF_8))));
        await().atMost(WAIT).until(forward::closed);
        return forward.text(0).contains(PAGE);
    }

    @AfterEach
    void stopAgentAndRemoveContainers() {
        if (agent != null) {
            agent.close();
        }
        http.close();
        webSockets.close();
        DockerAvailable.removeContainersOf(docker, node);
    }

    @Test
    void forwardsAConnectionToThePodsPortAfterAnnouncingThePortOnBothChannels() throws Exception {
        // given
        Forward forward = open("?ports=80");

        // when
        forward.socket().writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(0,
                REQUEST.getBytes(StandardCharsets.UTF_8))));

        // then
        await().atMost(WAIT).until(forward::closed);
        assertThat(forward.firstMessages(2)).containsExactly(List.of(0, 80, 0), List.of(1, 80, 0));
        assertThat(forward.text(0)).startsWith("HTTP/1.").contains(PAGE);
        assertThat(forward.text(1)).isEmpty();
    }

    @Test
    void theAnswerStillArrivesAfterTheClientClosedItsSide() throws Exception {
        Forward forward = open("?ports=80");

        forward.socket().writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(0,
                REQUEST.getBytes(StandardCharsets.UTF_8))));
        forward.socket().writeBinaryMessage(Buffer.buffer(PortForwardProtocol.closeSignal(0)));

        await().atMost(WAIT).until(forward::closed);
        assertThat(forward.text(0)).contains(PAGE);
    }

    @Test
    void aRefusedPortIsReportedOnItsErrorChannelWhileTheOtherPortWorks() throws Exception {
        // given a stream of two ports, 81 refused by the container
        Forward forward = open("?ports=81&ports=80");

        // when
        forward.socket().writeBinaryMessage(Buffer.buffer(PortForwardProtocol.frame(2,
                REQUEST.getBytes(StandardCharsets.UTF_8))));

        // then
        await().atMost(WAIT).until(forward::closed);
        assertThat(forward.firstMessages(4)).containsExactly(List.of(0, 81, 0), List.of(1, 81, 0),
                List.of(2, 80, 0), List.of(3, 80, 0));
        assertThat(forward.text(1)).startsWith("error forwarding port 81 to pod " + podName + "_default, uid ")
                .matches(".*: dial tcp [0-9.]+:81: connect: connection refused");
        assertThat(forward.text(2)).contains(PAGE);
    }

    @Test
    void refusesAPodThatDoesNotRunHereAndARequestWithoutPorts() throws Exception {
        assertThat(refusal("/portForward/default/absent?ports=80")).contains("404");
        assertThat(refusal("/portForward/default/" + podName)).contains("400");
    }

    private Forward open(String query) throws Exception {
        Forward forward = new Forward();
        // handlers are set as the socket opens, so that no first message is missed
        WebSocket socket = webSockets.connect(options("/portForward/default/" + podName + query))
                .onSuccess(opened -> {
                    opened.binaryMessageHandler(message -> forward.received(message.getBytes()));
                    opened.closeHandler(v -> forward.closed = true);
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(socket.subProtocol()).isEqualTo(PortForwardProtocol.V4);
        forward.socket = socket;
        return forward;
    }

    private String refusal(String path) throws Exception {
        Throwable refused = webSockets.connect(options(path)).toCompletionStage().toCompletableFuture()
                .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
        assertThat(refused).isNotNull();
        return refused.getMessage();
    }

    private WebSocketConnectOptions options(String uri) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(agent.serverPort()).setURI(uri)
                .setSubProtocols(List.of(PortForwardProtocol.V4));
    }

    private int status(String path) {
        try {
            return http.request(HttpMethod.GET, agent.serverPort(), "127.0.0.1", path)
                    .compose(request -> request.send().map(response -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One port-forward stream: the messages received, the bytes of each channel after its port, whether it closed. */
    private static final class Forward {
        private final List<byte[]> messages = new CopyOnWriteArrayList<>();
        private final Map<Integer, ByteArrayOutputStream> channels = new ConcurrentHashMap<>();
        private volatile WebSocket socket;
        private volatile boolean closed;

        WebSocket socket() {
            return socket;
        }

        boolean closed() {
            return closed;
        }

        synchronized void received(byte[] message) {
            boolean first = messages.stream().noneMatch(m -> m[0] == message[0]);
            messages.add(message);
            byte[] data = PortForwardProtocol.data(message);
            ByteArrayOutputStream channel = channels.computeIfAbsent(message[0] & 0xff, c -> new ByteArrayOutputStream());
            if (first) {
                channel.write(data, 2, data.length - 2);
            } else {
                channel.writeBytes(data);
            }
        }

        List<List<Integer>> firstMessages(int count) {
            return messages.stream().limit(count)
                    .map(m -> java.util.stream.IntStream.range(0, m.length).mapToObj(i -> m[i] & 0xff).toList())
                    .toList();
        }

        synchronized String text(int channel) {
            ByteArrayOutputStream bytes = channels.get(channel);
            return bytes == null ? "" : bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

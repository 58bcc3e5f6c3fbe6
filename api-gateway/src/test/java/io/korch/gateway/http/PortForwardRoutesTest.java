package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.korch.api.DaemonEndpoint;
import io.korch.api.Node;
import io.korch.api.NodeDaemonEndpoints;
import io.korch.api.Pod;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.WatchHub;
import io.korch.testkit.Nodes;
import io.korch.testkit.PodReports;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pods/portforward} of the real API verticle on a view fed by hand, proxied to a fake agent on loopback
 * ({@link FakePortForwardAgent}): Kubernetes' v4 WebSocket protocol relayed to the agent, kubectl's SPDY tunnel
 * served by the gateway (also to the real {@code kubectl port-forward} where it is installed), and the refusals. Pod {@code web} runs on {@code node-1}, whose agent is the fake one;
 * {@code stray} runs there too but the agent does not have it; {@code waiting} is Pending; {@code orphan} runs on
 * {@code node-2}, whose agent is gone.
 */
@ExtendWith(VertxExtension.class)
class PortForwardRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ClusterView view = new ClusterView();
    private FakePortForwardAgent agent;
    private WebSocketClient webSockets;
    private HttpClient http;
    private int gatewayPort;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        agent = new FakePortForwardAgent(vertx);
        ApiVerticle verticle = new ApiVerticle("127.0.0.1", 0, view, null, null, Admission.system(), Optional::empty,
                new WatchHub(10), () -> {
                    throw new IllegalStateException("port-forward reads no change log");
                });
        vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        gatewayPort = verticle.actualPort();
        webSockets = vertx.createWebSocketClient();
        http = vertx.createHttpClient();
        node("node-1", agent.port(), 1);
        node("node-2", closedPort(vertx), 2);
        pod("web", "node-1", "Running", 10);
        pod("stray", "node-1", "Running", 20);
        pod("waiting", "node-1", "Pending", 30);
        pod("orphan", "node-2", "Running", 40);
    }

    @AfterEach
    void stopAgent() throws Exception {
        agent.close();
    }

    @Test
    void theV4ProtocolIsRelayedFrameForFrameToTheAgent() throws Exception {
        // given
        List<byte[]> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = webSockets.connect(options("web", "?ports=7", "v4.channel.k8s.io"))
                .onSuccess(opened -> {
                    opened.binaryMessageHandler(message -> received.add(message.getBytes()));
                    opened.closeHandler(v -> closed.complete(null));
                })
                .await(10, TimeUnit.SECONDS);

        // when
        socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) 0).appendString("hello"));
        await().atMost(WAIT).until(() -> received.size() == 3);
        socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 255, 0}));

        // then
        assertThat(socket.subProtocol()).isEqualTo("v4.channel.k8s.io");
        assertThat(received.get(0)).containsExactly(0, 7, 0);
        assertThat(received.get(1)).containsExactly(1, 7, 0);
        assertThat(new String(received.get(2), StandardCharsets.UTF_8)).isEqualTo("\0HELLO");
        closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSpdyTunnelForwardsAConnectionAsKubectlOpensIt() throws Exception {
        // given kubectl's two streams of one connection: the error stream, which it ends at once, then the data stream
        SpdyTunnelClient tunnel = tunnel("web");
        int errors = tunnel.open("error", FakePortForwardAgent.ECHO, 0);
        tunnel.end(errors);
        int data = tunnel.open("data", FakePortForwardAgent.ECHO, 0);

        // when
        tunnel.write(data, "hello");
        await().atMost(WAIT).until(() -> tunnel.text(data).equals("HELLO"));
        tunnel.end(data);

        // then both streams are answered, and ended once the agent ended the connection
        assertThat(tunnel.replied(errors)).isTrue();
        assertThat(tunnel.replied(data)).isTrue();
        await().atMost(WAIT).until(() -> tunnel.finished(errors) && tunnel.finished(data));
        assertThat(tunnel.text(errors)).isEmpty();
    }

    @Test
    void everyConnectionOfATunnelIsAConnectionOfItsOwnToTheAgent() throws Exception {
        SpdyTunnelClient tunnel = tunnel("web");
        tunnel.open("error", FakePortForwardAgent.ECHO, 0);
        int first = tunnel.open("data", FakePortForwardAgent.ECHO, 0);
        tunnel.open("error", FakePortForwardAgent.ECHO, 1);
        int second = tunnel.open("data", FakePortForwardAgent.ECHO, 1);

        tunnel.write(second, "two");
        tunnel.write(first, "one");

        await().atMost(WAIT).until(() -> tunnel.text(first).equals("ONE") && tunnel.text(second).equals("TWO"));
        assertThat(agent.sockets()).isEqualTo(2);
    }

    @Test
    void aRefusedPortIsReportedOnTheErrorStreamInTheKubeletsWords() throws Exception {
        SpdyTunnelClient tunnel = tunnel("web");
        int errors = tunnel.open("error", FakePortForwardAgent.REFUSED, 0);
        int data = tunnel.open("data", FakePortForwardAgent.REFUSED, 0);

        await().atMost(WAIT).until(() -> tunnel.finished(errors) && tunnel.finished(data));
        assertThat(tunnel.text(errors)).isEqualTo(FakePortForwardAgent.REFUSAL);
    }

    @Test
    void pingsAreAnsweredAndAStreamWithoutPortIsReset() throws Exception {
        SpdyTunnelClient tunnel = tunnel("web");

        tunnel.ping(1);
        int bad = tunnel.open("data", 0, 0);

        await().atMost(WAIT).until(() -> tunnel.ponged(1) && tunnel.reset(bad));
    }

    @Test
    void theBase64ChannelProtocolIsRefused() {
        UpgradeRejectedException refused = refusal(options("web", "?ports=7", "v4.base64.channel.k8s.io"));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("not v4.base64.channel.k8s.io");
        assertThat(agent.sockets()).isZero();
    }

    @Test
    void aPodThatIsNotRunningIsRefusedWithKubectlsWords() {
        UpgradeRejectedException refused = refusal(options("waiting", "?ports=7", "v4.channel.k8s.io"));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains(
                "unable to forward port because pod is not running. Current status=Pending");
    }

    @Test
    void aPodTheAgentDoesNotRunIsNotFoundOverEitherProtocol() {
        assertThat(refusal(options("stray", "?ports=7", "v4.channel.k8s.io")).getStatus()).isEqualTo(404);
        UpgradeRejectedException tunnel = refusal(options("stray", "", SpdyPortForward.PROTOCOL));
        assertThat(tunnel.getStatus()).isEqualTo(404);
        assertThat(tunnel.getBody().toString()).isEqualTo("pod does not exist");
    }

    @Test
    void anAgentThatIsGoneIsAnUnavailableAtOnce() {
        long start = System.nanoTime();

        UpgradeRejectedException v4 = refusal(options("orphan", "?ports=7", "v4.channel.k8s.io"));
        UpgradeRejectedException tunnel = refusal(options("orphan", "", SpdyPortForward.PROTOCOL));

        assertThat(v4.getStatus()).isEqualTo(503);
        assertThat(tunnel.getStatus()).isEqualTo(503);
        assertThat(tunnel.getBody().toString()).contains("error dialing backend: the agent of node \\\"node-2\\\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PodStreamHandlers.CONNECT_TIMEOUT);
    }

    @Test
    void spdyWithoutAWebSocketIsRefusedWithWhatToDoInstead() throws Exception {
        RequestOptions spdy = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gatewayPort)
                .setURI("/api/v1/namespaces/default/pods/web/portforward")
                .putHeader("Connection", "Upgrade").putHeader("Upgrade", "SPDY/3.1")
                .putHeader("X-Stream-Protocol-Version", "portforward.k8s.io");

        String body = http.request(spdy)
                .compose(request -> request.send().compose(response -> response.body()
                        .map(b -> response.statusCode() + " " + b)))
                .await(10, TimeUnit.SECONDS);

        assertThat(body).startsWith("400 ").contains(PodStreamHandlers.PORT_FORWARD_SPDY_REFUSED);
    }

    @Test
    void theRealKubectlForwardsConnectionsThroughTheTunnel(@TempDir Path home) throws Exception {
        assumeTrue(Kubectl.installed(), "kubectl is not installed");
        try (Kubectl kubectl = Kubectl.portForward(home, gatewayPort, "pod/web", ":" + FakePortForwardAgent.ECHO)) {
            int local = kubectl.awaitForwarding(FakePortForwardAgent.ECHO);

            for (String word : List.of("one", "two")) {
                try (Socket connection = new Socket("127.0.0.1", local)) {
                    connection.getOutputStream().write(word.getBytes(StandardCharsets.UTF_8));
                    connection.shutdownOutput();
                    // the fake agent closes once the client ended writing: its answer then the end of the stream
                    assertThat(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo(word.toUpperCase(Locale.ROOT));
                }
            }
            await().atMost(WAIT).until(() -> kubectl.out().contains("Handling connection for " + local));
            assertThat(agent.sockets()).isEqualTo(2);
        }
    }

    @Test
    void theRealKubectlShowsTheErrorOfARefusedPort(@TempDir Path home) throws Exception {
        assumeTrue(Kubectl.installed(), "kubectl is not installed");
        try (Kubectl kubectl = Kubectl.portForward(home, gatewayPort, "pod/web", ":" + FakePortForwardAgent.REFUSED)) {
            int local = kubectl.awaitForwarding(FakePortForwardAgent.REFUSED);

            try (Socket connection = new Socket("127.0.0.1", local)) {
                assertThat(connection.getInputStream().readAllBytes()).isEmpty();
            }

            await().atMost(WAIT).until(() -> kubectl.err().contains("an error occurred forwarding " + local + " -> "
                    + FakePortForwardAgent.REFUSED + ": " + FakePortForwardAgent.REFUSAL));
        }
    }

    private SpdyTunnelClient tunnel(String pod) throws Exception {
        SpdyTunnelClient tunnel = new SpdyTunnelClient();
        WebSocket socket = webSockets.connect(options(pod, "", SpdyPortForward.PROTOCOL))
                .onSuccess(tunnel::attach)
                .await(10, TimeUnit.SECONDS);
        assertThat(socket.subProtocol()).isEqualTo(SpdyPortForward.PROTOCOL);
        return tunnel;
    }

    private UpgradeRejectedException refusal(WebSocketConnectOptions options) {
        try {
            Throwable failure = webSockets.connect(options).toCompletionStage().toCompletableFuture()
                    .handle((socket, error) -> error).get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
            return (UpgradeRejectedException) failure;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebSocketConnectOptions options(String pod, String query, String protocol) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayPort)
                .setURI("/api/v1/namespaces/default/pods/" + pod + "/portforward" + query)
                .setSubProtocols(List.of(protocol));
    }

    private void node(String name, int agentPort, long revision) {
        Node node = Nodes.node(name).address("InternalIP", "127.0.0.1").build();
        node.getStatus().setDaemonEndpoints(NodeDaemonEndpoints.newBuilder()
                .setKubeletEndpoint(DaemonEndpoint.newBuilder().setPort(agentPort).build()).build());
        view.apply(Topics.NODES, name, node, revision);
    }

    private void pod(String name, String node, String phase, long revision) {
        Pod pod = Pods.pod(name).build();
        String key = Keys.of("default", name);
        view.apply(Topics.PODS, key, pod, revision);
        view.apply(Topics.BINDINGS, key, PodReports.binding(pod, node), revision + 1);
        view.apply(Topics.POD_STATUS, Pods.statusKey(pod), PodReports.report(pod, node, phase, true), revision + 2);
    }

    /** A loopback port nothing listens on: one a server had, then gave up. */
    private static int closedPort(Vertx vertx) throws Exception {
        var server = vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        int port = server.actualPort();
        server.close().await(10, TimeUnit.SECONDS);
        return port;
    }
}

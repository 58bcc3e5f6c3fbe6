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
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's logs and exec server against a real broker and real Docker: one agent runs one pod whose
 * container prints three lines, then a fourth whenever {@code /go} appears; the tests call the server as
 * the gateway does, over HTTP and WebSockets on loopback.
 */
class AgentServerDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PRINTER = "echo one; echo two; echo three;"
            + " while true; do if [ -e /go ]; then rm /go; echo four; fi; sleep 1; done";

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();
    private static Vertx vertx;

    private final String node = "srv-" + UUID.randomUUID().toString().substring(0, 8);
    private final String podName = "printer-" + UUID.randomUUID().toString().substring(0, 8);
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
    void startAgentWithPrinterPod() {
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), docker);
        http = vertx.createHttpClient();
        webSockets = vertx.createWebSocketClient();
        Pod pod = Pods.pod(podName).command("sh", "-c", PRINTER).build();
        cluster.get().assign(node, pod);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get(logsPath("main")).body()).contains("three"));
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
    void servesTheLogOfTheContainer() {
        Answer answer = get(logsPath("main"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void servesTheLastLinesWithTheirTimes() {
        Answer answer = get(logsPath("main") + "?tailLines=1&timestamps=true");

        assertThat(answer.body()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z three\n");
    }

    @Test
    void followingTheLogShowsLinesWrittenLater() throws Exception {
        // given
        StringBuffer followed = new StringBuffer();
        HttpClientResponse response = http.request(HttpMethod.GET, agent.serverPort(), "127.0.0.1",
                        logsPath("main") + "?follow=true")
                .compose(request -> request.send())
                .onSuccess(answer -> answer.handler(chunk -> followed.append(chunk.toString(StandardCharsets.UTF_8))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> followed.toString().contains("three"));

        // when
        Exec touch = exec("command=touch&command=%2Fgo&stdout=true", null);

        // then
        assertThat(touch.exitCode().get(20, TimeUnit.SECONDS)).isZero();
        await().atMost(WAIT).until(() -> followed.toString().endsWith("three\nfour\n"));
        response.request().connection().close();
    }

    @Test
    void execReturnsTheCommandsOutputAndExitCode() throws Exception {
        Exec exec = exec("command=sh&command=-c&command=echo%20hi%3B%20exit%203&stdout=true&stderr=true", null);


        assertThat(exec.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(exec.stdout().toString()).isEqualTo("hi\n");
    }

    @Test
    void execForwardsStandardInputUntilItIsClosed() throws Exception {
        Exec exec = exec("command=cat&stdin=true&stdout=true&stderr=true", "hello\n");

        assertThat(exec.exitCode().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(exec.stdout().toString()).isEqualTo("hello\n");
    }

    @Test
    void refusesAContainerThePodDoesNotRunHere() throws Exception {
        assertThat(get(logsPath("nope")).status()).isEqualTo(404);
        Throwable refused = webSockets.connect(execOptions("/exec/default/" + podName + "/nope?command=ls&stdout=true"))
                .toCompletionStage().toCompletableFuture()
                .handle((socket, failure) -> failure).get(10, TimeUnit.SECONDS);
        assertThat(refused).isNotNull().hasMessageContaining("404");
    }

    private String logsPath(String container) {
        return "/containerLogs/default/" + podName + "/" + container;
    }

    private Answer get(String path) {
        try {
            return http.request(HttpMethod.GET, agent.serverPort(), "127.0.0.1", path)
                    .compose(request -> request.send()
                            .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                                    body.toString(StandardCharsets.UTF_8)))))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebSocketConnectOptions execOptions(String uri) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(agent.serverPort()).setURI(uri)
                .setSubProtocols(List.of(ChannelProtocol.V5));
    }

    /** Runs a command over the v5 protocol, sending {@code input} then closing stdin when it is not null. */
    private Exec exec(String query, String input) throws Exception {
        Exec exec = new Exec(new StringBuffer(), new CompletableFuture<>());
        WebSocket socket = webSockets.connect(execOptions("/exec/default/" + podName + "/main?" + query))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(socket.subProtocol()).isEqualTo(ChannelProtocol.V5);
        socket.binaryMessageHandler(message -> {
            byte[] bytes = message.getBytes();
            byte[] data = ChannelProtocol.data(bytes);
            if (ChannelProtocol.channel(bytes) == ChannelProtocol.STDOUT) {
                exec.stdout().append(new String(data, StandardCharsets.UTF_8));
            } else if (ChannelProtocol.channel(bytes) == ChannelProtocol.ERROR) {
                try {
                    exec.exitCode().complete(ChannelProtocol.exitCodeOf(data));
                } catch (ChannelProtocol.ExecFailure e) {
                    exec.exitCode().completeExceptionally(e);
                }
            }
        });
        if (input != null) {
            socket.writeBinaryMessage(Buffer.buffer(ChannelProtocol.frame(ChannelProtocol.STDIN,
                    input.getBytes(StandardCharsets.UTF_8))));
            socket.writeBinaryMessage(Buffer.buffer(ChannelProtocol.closeSignal(ChannelProtocol.STDIN)));
        }
        return exec;
    }

    private record Answer(int status, String body) {
    }

    private record Exec(StringBuffer stdout, CompletableFuture<Integer> exitCode) {
    }
}

package io.korch.agent.proxy.iptables;

import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import io.korch.agent.AgentConfig;
import io.korch.agent.NodeAgent;
import io.korch.agent.SharedCluster;
import io.korch.agent.TopicTail;
import io.korch.agent.network.Iptables;
import io.korch.agent.network.PodNetworkLeftovers;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import io.korch.testkit.Pods;
import io.korch.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iptables proxy mode against a real broker, real Docker and the kernel: pods are reached through a ClusterIP
 * and a node port over TCP and UDP, a Service without endpoints refuses at once, two agents of the machine share
 * the work, and a clean stop leaves no rule behind. Only loopback, pod and Service addresses are dialled.
 */
class IptablesProxyDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WEB_IP = "10.96.202.1";
    private static final int WEB_NODE_PORT = 30981;
    private static final String ECHO_IP = "10.96.202.2";
    private static final int ECHO_NODE_PORT = 30982;
    private static final String NONE_IP = "10.96.202.3";
    private static final String FLOW_IP = "10.96.202.4";

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @TempDir
    Path dataDir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> services = new ArrayList<>();
    private final List<String> slices = new ArrayList<>();
    private final String node = "ipt-" + suffix;
    private final List<NodeAgent> agents = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    @BeforeAll
    static void connectToDocker() {
        assumeTrue(IptablesProxier.usable(), "iptables can be used (root, iptables-restore)");
        docker = DockerAvailable.runtime();
    }

    @AfterAll
    static void removeLeftoversAndCloseDocker() {
        if (docker != null) {
            PodNetworkLeftovers.removeIfUnused(docker);
            docker.close();
        }
    }

    @AfterEach
    void stopAgentsAndRemoveContainers() {
        servers.forEach(Process::destroyForcibly);
        agents.forEach(NodeAgent::close);
        // the broker outlives the test: its Services must not hold the next test's ClusterIPs
        services.forEach(key -> cluster.get().publish(Topics.SERVICES, key, null));
        slices.forEach(key -> cluster.get().publish(Topics.ENDPOINT_SLICES, key, null));
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
        }
    }

    @Test
    void aPodIsReachedThroughItsClusterIpFromTheHostAndFromPodsAndThroughItsNodePort() throws IOException {
        // given
        cluster.get().givePodCidr(node);
        startAgent(node);
        Pod web = pod("web", "httpd", "-f", "-p", "8080", "-h", "/");
        Pod client = pod("client", "sleep", "3600");
        cluster.get().assign(node, web, client);
        String webIP = awaitPodIP(web);
        awaitPodIP(client);

        // when
        publishWeb(webIP);

        // then
        await().atMost(WAIT).until(() -> natRules().contains("--to-destination " + webIP + ":8080"));
        await().atMost(WAIT).ignoreExceptions().until(() -> httpGet(WEB_IP, 80).startsWith("HTTP/1."));
        assertThat(httpGet("127.0.0.1", WEB_NODE_PORT)).startsWith("HTTP/1.");
        assertThat(exec(client, "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + WEB_IP + " 80"))
                .startsWith("HTTP/1.");
        assertThat(exec(web, "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + WEB_IP + " 80"))
                .as("a pod reaching itself through its Service (hairpin)").startsWith("HTTP/1.");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/conf/all/route_localnet")).trim()).isEqualTo("1");
    }

    @Test
    void udpDatagramsReachAPodThroughItsClusterIpAndNodePortAndTheAnswersComeBack() throws Exception {
        // given
        cluster.get().givePodCidr(node);
        startAgent(node);
        Pod echo = pod("echo", "sleep", "3600");
        cluster.get().assign(node, echo);
        String echoIP = awaitPodIP(echo);
        startUdpEchoIn(echo, 5353, "echo");

        // when
        publishService("default/echo-" + suffix, service("default", "echo-" + suffix)
                .type("NodePort").clusterIP(ECHO_IP).port("dns", 53, "UDP", ECHO_NODE_PORT).build());
        publishSlice("default/echo-" + suffix + "-a",
                slice("default", "echo-" + suffix, "echo-" + suffix + "-a").port("dns", 5353, "UDP").ready(echoIP)
                        .build());

        // then
        await().atMost(WAIT).until(() -> natRules().contains("-p udp") && natRules().contains(echoIP + ":5353"));
        await().atMost(WAIT).ignoreExceptions().until(() -> "echo:ping".equals(udpExchange(ECHO_IP, 53, "ping")));
        assertThat(udpExchange("127.0.0.1", ECHO_NODE_PORT, "pong")).isEqualTo("echo:pong");
    }

    @Test
    void aUdpFlowStartedBeforeItsServiceAndOneWhoseEndpointLeftReachTheServicesReadyEndpoint() throws Exception {
        // given
        cluster.get().givePodCidr(node);
        startAgent(node);
        Pod first = pod("first", "sleep", "3600");
        Pod second = pod("second", "sleep", "3600");
        cluster.get().assign(node, first, second);
        String firstIP = awaitPodIP(first);
        String secondIP = awaitPodIP(second);
        startUdpEchoIn(first, 5353, "first");
        startUdpEchoIn(second, 5353, "second");
        String name = "flow-" + suffix;
        try (DatagramSocket flow = new DatagramSocket()) {
            // one socket, so one conntrack flow, from before the Service exists to after its endpoint changed
            assertThat(exchange(flow, FLOW_IP, 53, "ping")).as("no Service yet").isNull();

            // when
            publishService("default/" + name, service("default", name).clusterIP(FLOW_IP).port("dns", 53, "UDP", null)
                    .build());
            publishSlice("default/" + name + "-a",
                    slice("default", name, name + "-a").port("dns", 5353, "UDP").ready(firstIP).build());

            // then
            await().atMost(WAIT).until(() -> "first:ping".equals(exchange(flow, FLOW_IP, 53, "ping")));

            // and when
            publishSlice("default/" + name + "-a",
                    slice("default", name, name + "-a").port("dns", 5353, "UDP").ready(secondIP).build());

            // then
            await().atMost(WAIT).until(() -> "second:ping".equals(exchange(flow, FLOW_IP, 53, "ping")));
        }
    }

    @Test
    void aServiceWithoutAReadyEndpointRefusesAtOnce() {
        // given
        cluster.get().givePodCidr(node);
        startAgent(node);
        Pod client = pod("client", "sleep", "3600");
        cluster.get().assign(node, client);
        awaitPodIP(client);

        // when
        publishService("default/none-" + suffix, service("default", "none-" + suffix)
                .clusterIP(NONE_IP).port("http", 80).build());
        publishSlice("default/none-" + suffix + "-a",
                slice("default", "none-" + suffix, "none-" + suffix + "-a").port("http", 8080).notReady("10.244.9.9")
                        .build());

        // then
        await().atMost(WAIT).until(() -> filterRules().contains("-d " + NONE_IP + "/32 -p tcp"));
        assertThatThrownBy(() -> httpGet(NONE_IP, 80)).isInstanceOf(ConnectException.class);
        assertThat(exec(client, "nc -w 5 " + NONE_IP + " 80 </dev/null 2>&1; echo exit=$?"))
                .contains("refused").contains("exit=1");
    }

    @Test
    void twoAgentsOfTheMachineShareTheServicesAndEachStopRemovesOnlyItsOwnRules() throws IOException {
        // given
        String other = "ipt2-" + suffix;
        cluster.get().givePodCidr(node);
        NodeAgent first = startAgent(node);
        NodeAgent second = startAgent(other);
        Pod web = pod("web", "httpd", "-f", "-p", "8080", "-h", "/");
        cluster.get().assign(node, web);
        String webIP = awaitPodIP(web);
        publishWeb(webIP);
        String firstChains = "KORCH-" + ChainNames.forNode(node).tag() + "-";
        String secondChains = "KORCH-" + ChainNames.forNode(other).tag() + "-";
        await().atMost(WAIT).until(() -> natRules().contains(firstChains + "SEP")
                && natRules().contains(secondChains + "SEP"));
        await().atMost(WAIT).ignoreExceptions().until(() -> httpGet(WEB_IP, 80).startsWith("HTTP/1."));

        // when
        first.close();

        // then
        assertThat(natRules() + filterRules()).doesNotContain(firstChains).contains(secondChains);
        assertThat(httpGet(WEB_IP, 80)).startsWith("HTTP/1.");
        assertThat(httpGet("127.0.0.1", WEB_NODE_PORT)).startsWith("HTTP/1.");

        // and when
        second.close();

        // then
        assertThat(natRules() + filterRules()).doesNotContain(firstChains).doesNotContain(secondChains);
    }

    private void publishService(String key, io.korch.api.Service service) {
        services.add(key);
        cluster.get().publish(Topics.SERVICES, key, service);
    }

    private void publishSlice(String key, io.korch.api.EndpointSlice slice) {
        slices.add(key);
        cluster.get().publish(Topics.ENDPOINT_SLICES, key, slice);
    }

    private void publishWeb(String webIP) {
        publishService("default/web-" + suffix, service("default", "web-" + suffix)
                .type("NodePort").clusterIP(WEB_IP).port("http", 80, "TCP", WEB_NODE_PORT).build());
        publishSlice("default/web-" + suffix + "-a",
                slice("default", "web-" + suffix, "web-" + suffix + "-a").port("http", 8080).ready(webIP).build());
    }

    private NodeAgent startAgent(String name) {
        NodeAgent agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), name)
                .withDataDir(dataDir.resolve(name)), docker);
        agents.add(agent);
        return agent;
    }

    private Pod pod(String name, String... command) {
        return Pods.pod(name + "-" + suffix).uid(UUID.randomUUID().toString()).container("main", command).build();
    }

    private String awaitPodIP(Pod pod) {
        String key = Pods.statusKey(pod);
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            PodStatusReport running = await().atMost(WAIT).until(() -> statuses.poll().latest(key),
                    report -> report != null && "Running".equals(report.getStatus().getPhase())
                            && report.getStatus().getPodIP() != null);
            String ip = running.getStatus().getPodIP();
            assertThat(Cidr.parse(ClusterNetwork.CLUSTER_CIDR).contains(ip)).isTrue();
            return ip;
        }
    }

    private Container container(Pod pod, String name) {
        return docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, node, ContainerLabels.POD_UID, pod.getMetadata().getUid()))
                .exec().stream().filter(c -> name.equals(c.getLabels().get(ContainerLabels.CONTAINER))).findFirst()
                .orElseThrow();
    }

    private String exec(Pod pod, String script) {
        return docker.execCapture(container(pod, "main").getId(), List.of("sh", "-c", script), Duration.ofSeconds(10))
                .output();
    }

    /**
     * Runs a UDP echo server in the network namespace of the pod's sandbox (busybox has no UDP server): this JVM's
     * {@code java} on a one-file program that answers each datagram with {@code NAME:} and its text.
     */
    private void startUdpEchoIn(Pod pod, int port, String name) throws IOException {
        Path source = dataDir.resolve("UdpEcho.java");
        Files.writeString(source, """
                import java.net.*;
                public class UdpEcho {
                    public static void main(String[] args) throws Exception {
                        try (DatagramSocket socket = new DatagramSocket(Integer.parseInt(args[0]))) {
                            byte[] buffer = new byte[512];
                            while (true) {
                                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                                socket.receive(in);
                                byte[] out = (args[1] + ":" + new String(in.getData(), 0, in.getLength())).getBytes();
                                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                            }
                        }
                    }
                }
                """);
        long pid = docker.client().inspectContainerCmd(container(pod, ContainerLabels.SANDBOX).getId()).exec()
                .getState().getPidLong();
        String java = ProcessHandle.current().info().command().orElse("java");
        servers.add(new ProcessBuilder("nsenter", "-t", Long.toString(pid), "-n", java, source.toString(),
                Integer.toString(port), name).inheritIO().start());
    }

    /** One datagram to {@code ip:port} from a new socket (a new conntrack flow), and the answer's text. */
    private static String udpExchange(String ip, int port, String text) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            String answer = exchange(socket, ip, port, text);
            if (answer == null) {
                throw new IOException("no answer from " + ip + ":" + port);
            }
            return answer;
        }
    }

    /** One datagram to {@code ip:port} from {@code socket}, and the answer's text, or null if none came within 1 s. */
    private static String exchange(DatagramSocket socket, String ip, int port, String text) throws IOException {
        socket.setSoTimeout(1000);
        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(out, out.length, new InetSocketAddress(ip, port)));
        DatagramPacket in = new DatagramPacket(new byte[512], 512);
        try {
            socket.receive(in);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
    }

    /** An HTTP/1.0 GET from the host; the first line of the answer. */
    private static String httpGet(String ip, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        }
    }

    private static String natRules() {
        return Iptables.save("nat").output();
    }

    private static String filterRules() {
        return Iptables.save("filter").output();
    }
}

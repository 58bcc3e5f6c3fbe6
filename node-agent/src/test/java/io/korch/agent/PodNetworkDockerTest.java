package io.korch.agent;

import static io.korch.agent.config.PodConfigs.emptyDir;
import static io.korch.agent.config.PodConfigs.fromField;
import static io.korch.agent.config.PodConfigs.mount;
import static io.korch.agent.config.PodConfigs.withEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.korch.agent.network.DockerNetwork;
import io.korch.agent.network.HostFirewall;
import io.korch.agent.network.HostPorts;
import io.korch.agent.network.HostPorts.HostPortMapping;
import io.korch.agent.network.PodNetworkOptions;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ExecResult;
import io.korch.agent.runtime.docker.DockerAvailable;
import io.korch.agent.network.PodNetworkLeftovers;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.api.PodIP;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod network against a real broker and real Docker: pods get addresses from their node's share, share
 * localhost and memory volumes within a pod, reach each other and are reached from the host by pod IP, and
 * nothing routes off the machine. Only loopback and pod addresses are ever dialled.
 */
class PodNetworkDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration EXEC = Duration.ofSeconds(10);
    /** An address of the pod network no node was given: it must stay on the machine all the same. */
    private static final String UNUSED_POD_IP = "10.244.250.7";
    private static final String HTTP_GET = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc ";

    private static DockerRuntime docker;
    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @TempDir
    Path dataDir;

    private final String node = "pn-" + UUID.randomUUID().toString().substring(0, 8);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<NodeAgent> agents = new ArrayList<>();

    @BeforeAll
    static void connectToDocker() {
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
        agents.forEach(NodeAgent::close);
        if (docker != null) {
            DockerAvailable.removeContainersOf(docker, node);
            docker.client().listVolumesCmd()
                    .withFilter("label", List.of(ContainerLabels.NODE + "=" + node)).exec().getVolumes()
                    .forEach(volume -> docker.client().removeVolumeCmd(volume.getName()).exec());
        }
    }

    @Test
    void aPodGetsAnAddressFromItsNodesShareInItsStatusAndEnvironment() {
        // given
        String share = cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = withEnv(pod("web", "sleep", "3600"), fromField("MY_POD_IP", "status.podIP"),
                fromField("MY_POD_IPS", "status.podIPs"), fromField("MY_HOST_IP", "status.hostIP"));

        // when
        cluster.get().assign(node, pod);

        // then
        PodStatus status = awaitRunning(pod);
        String ip = status.getPodIP();
        assertThat(Cidr.parse(share).contains(ip)).isTrue();
        assertThat(ip).doesNotEndWith(".0").doesNotEndWith(".1").doesNotEndWith(".255");
        assertThat(status.getPodIPs()).extracting(PodIP::getIp).containsExactly(ip);
        assertThat(status.getHostIP()).isEqualTo(NodeRecords.NODE_IP);
        assertThat(status.getHostIPs()).extracting(PodIP::getIp).containsExactly(NodeRecords.NODE_IP);
        assertThat(status.getContainerStatuses()).extracting(s -> s.getName()).containsExactly("main");
        Container main = container(pod, "main");
        Container sandbox = container(pod, ContainerLabels.SANDBOX);
        assertThat(sandbox.getLabels()).containsEntry(ContainerLabels.POD_IP, ip);
        assertThat(docker.client().inspectContainerCmd(main.getId()).exec().getHostConfig().getNetworkMode())
                .isEqualTo("container:" + sandbox.getId());
        assertThat(docker.address(main.getId())).contains(ip);
        assertThat(exec(main, "echo $MY_POD_IP $MY_POD_IPS $MY_HOST_IP").output().trim())
                .isEqualTo(ip + " " + ip + " " + NodeRecords.NODE_IP);
        assertThat(exec(main, "hostname").output().trim()).isEqualTo(pod.getMetadata().getName());
    }

    @Test
    void podsResolveThroughTheClusterDnsAndKnowTheirOwnName() {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = Pods.pod("dns-" + suffix).namespace("shop").uid(UUID.randomUUID().toString())
                .container("main", "sleep", "3600").build();
        pod.getSpec().setHostname("db-0");
        pod.getSpec().setSubdomain("db");

        // when
        cluster.get().assign(node, pod);

        // then
        String ip = awaitRunning(pod).getPodIP();
        Container main = container(pod, "main");
        assertThat(exec(main, "cat /etc/resolv.conf").output()).isEqualTo("""
                nameserver 10.96.0.10
                search shop.svc.cluster.local svc.cluster.local cluster.local
                options ndots:5
                """);
        assertThat(exec(main, "cat /etc/hosts").output())
                .startsWith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
                .endsWith(ip + "\tdb-0.db.shop.svc.cluster.local\tdb-0\n");
        assertThat(exec(main, "echo x >> /etc/resolv.conf").exitCode()).isNotZero();
    }

    @Test
    void twoContainersOfOnePodTalkOverLocalhost() {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = Pods.pod("duo-" + suffix).uid(UUID.randomUUID().toString())
                .container("web", "httpd", "-f", "-p", "8080", "-h", "/")
                .container("client", "sleep", "3600").build();

        // when
        cluster.get().assign(node, pod);

        // then
        awaitRunning(pod);
        Container client = container(pod, "client");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(exec(client, HTTP_GET + "127.0.0.1 8080").output()).startsWith("HTTP/1."));
    }

    @Test
    void theContainersOfAPodShareItsMemoryEmptyDir() throws IOException {
        // given: an init container and two containers mounting one memory emptyDir
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = Pods.pod("mem-" + suffix).uid(UUID.randomUUID().toString())
                .container("writer", "sh", "-c", "echo hello > /shared/note; sleep 3600")
                .container("reader", "sleep", "3600").build();
        pod.getSpec().setInitContainers(List.of(io.korch.api.Container.newBuilder().setName("prepare")
                .setImage(Pods.IMAGE).setCommand(List.of("sh", "-c", "echo first > /shared/init")).build()));
        Volume memory = emptyDir("shared", "Memory");
        memory.getEmptyDir().setSizeLimit("8Mi");
        pod.getSpec().setVolumes(List.of(memory));
        VolumeMount shared = mount("shared", "/shared", null, null);
        pod.getSpec().getInitContainers().forEach(c -> c.setVolumeMounts(List.of(shared)));
        pod.getSpec().getContainers().forEach(c -> c.setVolumeMounts(List.of(shared)));

        // when
        cluster.get().assign(node, pod);

        // then: one file system in memory of the size asked, which every container sees
        awaitRunning(pod);
        Container reader = container(pod, "reader");
        await().atMost(WAIT).untilAsserted(() -> assertThat(exec(reader, "cat /shared/note").output()).isEqualTo("hello\n"));
        assertThat(exec(reader, "cat /shared/init").output()).isEqualTo("first\n");
        assertThat(exec(reader, "grep ' /shared ' /proc/mounts").output())
                .matches("\\S+ /shared tmpfs \\S*size=8192k\\S* .*\n");
        assertThat(exec(reader, "echo back > /shared/reply").exitCode()).isZero();
        assertThat(exec(container(pod, "writer"), "cat /shared/reply").output()).isEqualTo("back\n");
        assertThat(memoryVolumes(pod)).hasSize(1);
    }

    @Test
    void twoPodsReachEachOtherAndTheHostReachesThemByPodIp() throws IOException {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod server = pod("server", "httpd", "-f", "-p", "8080", "-h", "/");
        Pod client = pod("client", "sleep", "3600");

        // when
        cluster.get().assign(node, server, client);

        // then
        String serverIp = awaitRunning(server).getPodIP();
        String clientIp = awaitRunning(client).getPodIP();
        assertThat(clientIp).isNotEqualTo(serverIp);
        Container clientMain = container(client, "main");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(exec(clientMain, HTTP_GET + serverIp + " 8080").output()).startsWith("HTTP/1."));
        assertThat(httpGet(serverIp, 8080)).startsWith("HTTP/1.");
    }

    @Test
    void nothingOfThePodNetworkRoutesOffTheMachine() throws IOException {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = pod("iso", "sleep", "3600");
        cluster.get().assign(node, pod);
        awaitRunning(pod);

        // then: the host keeps every pod address on the bridge, never the default gateway
        String route = run("ip", "route", "get", UNUSED_POD_IP);
        assertThat(route).contains("dev " + DockerNetwork.BRIDGE).doesNotContain(" via ");
        // the pod's only routes are the pod network's
        List<String> routes = exec(container(pod, "main"), "ip route").output().lines().toList();
        assertThat(routes).hasSize(2).allMatch(line -> line.contains("10.244.0."));
        assertThat(routes).anyMatch(line -> line.startsWith("default via 10.244.0.1 "))
                .anyMatch(line -> line.startsWith("10.244.0.0/16 dev eth0"));
        // Docker drops what leaves the internal network, and the host takes only the Service CIDR from it
        Network network = docker.client().inspectNetworkCmd().withNetworkId(DockerNetwork.NAME).exec();
        assertThat(network.getInternal()).isTrue();
        assertThat(run("iptables", "-w", "-S")).contains(
                "! -d " + ClusterNetwork.CLUSTER_CIDR + " -i " + DockerNetwork.BRIDGE + " -j DROP");
        assertThat(new HostFirewall(DockerNetwork.BRIDGE, ClusterNetwork.SERVICE_CIDR).installed()).isTrue();
    }

    @Test
    void aHostNetworkPodRunsOnTheNodesNetworkWithTheNodesAddress() {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = withEnv(pod("host", "sleep", "3600"), fromField("MY_POD_IP", "status.podIP"));
        pod.getSpec().setHostNetwork(true);

        // when
        cluster.get().assign(node, pod);

        // then
        PodStatus status = awaitRunning(pod);
        assertThat(status.getPodIP()).isEqualTo(NodeRecords.NODE_IP);
        assertThat(podContainers(pod)).extracting(c -> c.getLabels().get(ContainerLabels.CONTAINER))
                .containsExactly("main");
        Container main = container(pod, "main");
        assertThat(docker.client().inspectContainerCmd(main.getId()).exec().getHostConfig().getNetworkMode())
                .isEqualTo("host");
        assertThat(exec(main, "cat /etc/resolv.conf").output()).doesNotContain("nameserver");
        assertThat(exec(main, "echo $MY_POD_IP").output().trim()).isEqualTo(NodeRecords.NODE_IP);
    }

    @Test
    void aPodWaitsForItsNodesShareThenRuns() {
        // given: a node the node IPAM controller has not given a share yet
        cluster.get().noPodCidrYet(node);
        startAgent();
        Pod pod = pod("wait", "sleep", "3600");
        cluster.get().assign(node, pod);
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS);
             TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            String message = "network is not ready: node \"" + node + "\" has no podCIDR";
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(Pods.statusKey(pod));
                assertThat(report).isNotNull();
                var waiting = report.getStatus().getContainerStatuses().get(0).getState().getWaiting();
                assertThat(waiting.getReason()).isEqualTo("ContainerCreating");
                assertThat(waiting.getMessage()).isEqualTo(message);
                assertThat(events.poll().all(Keys.of("default", pod.getMetadata().getName())))
                        .anySatisfy(event -> {
                            assertThat(event.getReason()).isEqualTo("NetworkNotReady");
                            assertThat(event.getMessage()).isEqualTo(message);
                        });
            });
            assertThat(podContainers(pod)).isEmpty();

            // when
            String share = cluster.get().givePodCidr(node);

            // then
            assertThat(Cidr.parse(share).contains(awaitRunning(pod).getPodIP())).isTrue();
        }
    }

    @Test
    void theSandboxGoesLastWithThePodAndItsMemoryVolume() {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = pod("gone", "sleep", "3600");
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        pod.getSpec().setVolumes(List.of(emptyDir("fast", "Memory")));
        pod.getSpec().getContainers().get(0).setVolumeMounts(List.of(mount("fast", "/fast", null, null)));
        cluster.get().assign(node, pod);
        awaitRunning(pod);
        assertThat(memoryVolumes(pod)).hasSize(1);

        // when
        cluster.get().assign(node);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(podContainers(pod)).isEmpty();
            assertThat(memoryVolumes(pod)).isEmpty();
        });
    }

    @Test
    void theMemoryVolumeOfAPodRemovedWhileTheAgentWasDownGoesWhenAnAgentStarts() throws IOException {
        // given: a pod with a memory volume, then its agent stopped and the pod removed meanwhile
        cluster.get().givePodCidr(node);
        NodeAgent first = startAgent();
        Pod pod = pod("left", "sleep", "3600");
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        pod.getSpec().setVolumes(List.of(emptyDir("fast", "Memory")));
        pod.getSpec().getContainers().get(0).setVolumeMounts(List.of(mount("fast", "/fast", null, null)));
        cluster.get().assign(node, pod);
        awaitRunning(pod);
        first.close();
        cluster.get().assign(node);
        // the node's pod directories are lost too: only the volume's labels tell whose it is
        try (Stream<Path> files = Files.walk(dataDir.resolve("pods"))) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        assertThat(dataDir.resolve("pods")).doesNotExist();
        assertThat(memoryVolumes(pod)).hasSize(1);

        // when
        startAgent();

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(podContainers(pod)).isEmpty();
            assertThat(memoryVolumes(pod)).isEmpty();
        });
    }

    @Test
    void aPodWhoseSandboxDiedIsRecreatedInANewOne() {
        // given
        cluster.get().givePodCidr(node);
        startAgent();
        Pod pod = pod("phoenix", "sleep", "3600");
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        cluster.get().assign(node, pod);
        awaitRunning(pod);
        Container sandbox = container(pod, ContainerLabels.SANDBOX);
        Container main = container(pod, "main");

        // when
        docker.client().killContainerCmd(sandbox.getId()).exec();

        // then
        try (TopicTail<Event> events = cluster.get().tail(Topics.EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                List<Container> now = podContainers(pod);
                assertThat(now).hasSize(2).allMatch(c -> "running".equals(c.getState()))
                        .noneMatch(c -> c.getId().equals(sandbox.getId()) || c.getId().equals(main.getId()));
                assertThat(events.poll().all(Keys.of("default", pod.getMetadata().getName())))
                        .extracting(Event::getReason).contains("SandboxChanged");
            });
        }
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest(Pods.statusKey(pod));
                assertThat(report.getStatus().getPodIP()).isNotNull();
                assertThat(report.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
                assertThat(report.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
            });
        }
    }

    @Test
    void aRestartedAgentKeepsThePodsAddressesAndGivesNoneTwice() {
        // given
        cluster.get().givePodCidr(node);
        NodeAgent first = startAgent();
        Pod a = pod("a", "sleep", "3600");
        cluster.get().assign(node, a);
        String ipA = awaitRunning(a).getPodIP();
        first.close();

        // when
        startAgent();
        Pod b = pod("b", "sleep", "3600");
        cluster.get().assign(node, a, b);

        // then
        String ipB = awaitRunning(b).getPodIP();
        assertThat(ipB).isNotEqualTo(ipA);
        assertThat(awaitRunning(a).getPodIP()).isEqualTo(ipA);
        assertThat(container(a, ContainerLabels.SANDBOX).getLabels()).containsEntry(ContainerLabels.POD_IP, ipA);
    }

    @Test
    void aCleanStopRemovesTheNetworkAndTheChainOnceNoPodIsLeft() {
        // given
        cluster.get().givePodCidr(node);
        NodeAgent agent = startAgent();
        Pod pod = pod("last", "sleep", "3600");
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        cluster.get().assign(node, pod);
        awaitRunning(pod);
        cluster.get().assign(node);
        await().atMost(WAIT).until(() -> podContainers(pod).isEmpty());
        assumeTrue(PodNetworkLeftovers.attachedContainers(docker) == 0, "another agent of this machine runs pods; the network stays");

        // when
        agent.close();

        // then
        assertThat(PodNetworkLeftovers.networkExists(docker)).isFalse();
        assertThat(run("iptables", "-w", "-S")).doesNotContain(HostFirewall.CHAIN);
    }

    @Test
    void aPodsHostPortsGoToTheNodeProxyWithItsAddressAndAreClosedWhenItGoes() {
        // given
        cluster.get().givePodCidr(node);
        RecordedHostPorts ports = new RecordedHostPorts();
        startAgent(PodNetworkOptions.DEFAULTS.withHostPorts(ports));
        Pod pod = Pods.pod("ports-" + suffix).uid(UUID.randomUUID().toString())
                .container("main", "sleep", "3600").port(8080, 18080).build();
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        String key = "default/" + pod.getMetadata().getName();

        // when
        cluster.get().assign(node, pod);

        // then
        String ip = awaitRunning(pod).getPodIP();
        assertThat(ports.opened.get(key)).containsExactly(new HostPortMapping(18080, "TCP", ip, 8080));
        assertThat(ports.closed).doesNotContain(key);

        // when
        cluster.get().assign(node);

        // then
        await().atMost(WAIT).untilAsserted(() -> assertThat(ports.closed).contains(key));
    }

    private NodeAgent startAgent() {
        return startAgent(PodNetworkOptions.DEFAULTS);
    }

    private NodeAgent startAgent(PodNetworkOptions options) {
        NodeAgent agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node).withDataDir(dataDir),
                docker, options);
        agents.add(agent);
        return agent;
    }

    /** What the pod network asked the node proxy to forward. */
    private static final class RecordedHostPorts implements HostPorts {
        final Map<String, List<HostPortMapping>> opened = new ConcurrentHashMap<>();
        final Set<String> closed = ConcurrentHashMap.newKeySet();

        @Override
        public void open(String podKey, List<HostPortMapping> mappings) {
            opened.put(podKey, List.copyOf(mappings));
        }

        @Override
        public void close(String podKey) {
            closed.add(podKey);
        }
    }

    private Pod pod(String name, String... command) {
        return Pods.pod(name + "-" + suffix).uid(UUID.randomUUID().toString()).container("main", command).build();
    }

    /** The pod's status once all its containers run. */
    private PodStatus awaitRunning(Pod pod) {
        String key = Pods.statusKey(pod);
        try (TopicTail<PodStatusReport> statuses = cluster.get().tail(Topics.POD_STATUS)) {
            return await().atMost(WAIT).until(() -> {
                PodStatusReport report = statuses.poll().latest(key);
                return report == null ? null : report.getStatus();
            }, status -> status != null && "Running".equals(status.getPhase()) && status.getPodIP() != null
                    && status.getContainerStatuses().stream().allMatch(s -> s.getState().getRunning() != null));
        }
    }

    /** Every container of the pod, its sandbox included. */
    private List<Container> podContainers(Pod pod) {
        return docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, node, ContainerLabels.POD_UID, pod.getMetadata().getUid()))
                .exec();
    }

    private Container container(Pod pod, String name) {
        return podContainers(pod).stream().filter(c -> name.equals(c.getLabels().get(ContainerLabels.CONTAINER)))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + name + " of " + pod.getMetadata()));
    }

    private List<String> memoryVolumes(Pod pod) {
        var volumes = docker.client().listVolumesCmd()
                .withFilter("label", List.of(ContainerLabels.POD_UID + "=" + pod.getMetadata().getUid())).exec()
                .getVolumes();
        return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
    }

    private static ExecResult exec(Container container, String script) {
        return docker.execCapture(container.getId(), List.of("sh", "-c", script), EXEC);
    }

    /** An HTTP/1.0 GET from the host to a pod address; the first line of the answer. */
    private static String httpGet(String podIp, int port) throws IOException {
        assertThat(Cidr.parse(ClusterNetwork.CLUSTER_CIDR).contains(podIp)).isTrue();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(podIp, port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}

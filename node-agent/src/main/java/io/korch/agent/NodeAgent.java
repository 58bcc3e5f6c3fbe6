package io.korch.agent;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.ConfigWatcher;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.metrics.AgentMeters;
import io.korch.agent.network.DockerNetwork;
import io.korch.agent.network.HostFirewall;
import io.korch.agent.network.HostPorts;
import io.korch.agent.network.PodNetwork;
import io.korch.agent.network.PodNetworkOptions;
import io.korch.agent.network.SandboxNetwork;
import io.korch.agent.network.ServiceLinks;
import io.korch.agent.proxy.ServiceNetwork;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.agent.server.AgentServer;
import io.korch.agent.usage.DockerStatsSource;
import io.korch.agent.usage.UsageReporter;
import io.korch.agent.volume.PodVolumes;
import io.korch.api.ContainerStatus;
import io.korch.api.PodStatusReport;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import io.korch.model.Quantity;
import io.korch.prometheus.MetricsServer;
import io.korch.prometheus.ServiceMeters;
import io.korch.serde.KafkaSchemaStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent (korch's kubelet): runs the pods the scheduler assigns to one node.
 *
 * <p>Data flow: the {@link AssignmentWatcher} follows the node's keys in {@code korch.pod-assignments}; the
 * {@link ReconcileLoop} compares those pods with the runtime's containers every second and on every
 * change ({@link Reconciler}), creates, starts, restarts and removes containers, and publishes each pod's
 * status to {@code korch.status.pods} and events to {@code korch.events}, starting from the reports this
 * node wrote before ({@link OwnStatusReports}, read once at start); the {@link Heartbeat} writes the node's
 * {@code Node} record to {@code korch.nodes} every heartbeat interval, Ready=False while the container runtime
 * cannot be used, with the port of the {@link AgentServer} that serves the node's container logs and exec on
 * loopback. The {@link ConfigWatcher} follows {@code korch.configmaps} and {@code korch.secrets}, read to
 * their end before the first pass, for the containers' environment and volumes ({@link ContainerSetup}), which
 * live under the config's data directory; each change of them triggers a pass. With Docker, each pod runs in a
 * sandbox on the machine's pod network at an address from the node's share of the cluster CIDR
 * ({@link SandboxNetwork}); with other runtimes pods share the node's network ({@link PodNetwork#NODE}). With
 * the Docker runtime and the node proxy on, the {@link ServiceNetwork} routes the Service CIDR locally, follows
 * every Service and EndpointSlice, proxies ClusterIPs and node ports (with kernel NAT rules in the default iptables
 * mode, or in user space) and host ports, serves the cluster DNS, and
 * gives the containers their Service environment variables. With Docker, the {@link UsageReporter} publishes the
 * CPU and memory use of the node's pods and of the node every metrics interval, read from the engine's stats.
 *
 * <p>On start the agent adopts the containers its node already runs (found by their labels) instead of
 * creating them again, keeps the restart counts its earlier reports show, and removes containers of pods
 * no longer assigned. {@link #close()} stops all of that but leaves containers running, which is how a lost
 * node looks to the control plane. The runtime belongs to the caller, who closes it.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    /** Bounds each start step that waits for Kafka. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The runtime whose pods have a network, and so the node proxy. */
    private static final String DOCKER = "docker";

    private final String nodeName;
    private final RecordPublisher publisher;
    private final Heartbeat heartbeat;
    private final ReconcileLoop loop;
    private final AssignmentWatcher watcher;
    private final ConfigWatcher configs;
    private final AgentServer server;
    private final ServiceNetwork services;
    private final PodNetwork network;
    private final UsageReporter usage;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeAgent(String nodeName, RecordPublisher publisher, Heartbeat heartbeat, ReconcileLoop loop,
                      AssignmentWatcher watcher, ConfigWatcher configs, AgentServer server, ServiceNetwork services,
                      PodNetwork network, UsageReporter usage) {
        this.usage = usage;
        this.server = server;
        this.services = services;
        this.network = network;
        this.nodeName = nodeName;
        this.publisher = publisher;
        this.heartbeat = heartbeat;
        this.loop = loop;
        this.watcher = watcher;
        this.configs = configs;
    }

    /**
     * Registers the node, reads its assignment, and starts heartbeating and reconciling. Assumes the korch
     * topics exist.
     *
     * @throws IllegalStateException with the reason when Kafka cannot be reached or the topics are missing
     */
    public static NodeAgent start(AgentConfig config, ContainerRuntime runtime) {
        return start(config, runtime, PodNetworkOptions.DEFAULTS);
    }

    /**
     * As {@link #start(AgentConfig, ContainerRuntime)}, the pod network run as {@code networkOptions} say.
     *
     * @throws IllegalStateException also when the machine's pod network clashes with an existing Docker network
     */
    public static NodeAgent start(AgentConfig config, ContainerRuntime runtime, PodNetworkOptions networkOptions) {
        Clock clock = Clock.systemUTC();
        String node = config.nodeName();
        KafkaSchemaStore.publishAndInstall(config.bootstrapServers());
        PrometheusMeterRegistry meters = ServiceMeters.registry();
        RecordPublisher publisher = new RecordPublisher(config.bootstrapServers(), "korch-agent-" + node);
        Heartbeat heartbeat = null;
        ReconcileLoop loop = null;
        AssignmentWatcher watcher = null;
        ConfigWatcher configs = null;
        AgentServer server = null;
        ServiceNetwork services = null;
        PodNetwork network = null;
        UsageReporter usage = null;
        try {
            server = AgentServer.start(runtime, node, config.serverPort(), meters);
            if (config.nodeProxy() && DOCKER.equals(runtime.name())) {
                services = ServiceNetwork.start(config.bootstrapServers(), node,
                        ServiceNetwork.Settings.agent(NodeRecords.NODE_IP, config.proxyMode()), START_TIMEOUT);
            }
            Map<String, PodStatusReport> reports = OwnStatusReports.read(config.bootstrapServers(), node, START_TIMEOUT);
            StatusReporter statuses = new StatusReporter(node, runtime.name(), publisher, reports);
            ConfigSource source = new ConfigSource();
            network = podNetwork(config, runtime,
                    services == null || networkOptions.hostPorts() != HostPorts.NONE ? networkOptions
                            : networkOptions.withHostPorts(services.hostPorts()));
            NodeFacts facts = nodeFacts(config, network);
            ContainerSetup setup = new ContainerSetup(node, source, facts,
                    new PodVolumes(config.podsDir(), source, facts, clock), network, runtime,
                    services == null ? ServiceLinks.NONE : services.serviceLinks());
            loop = new ReconcileLoop(node, runtime, publisher, statuses, restartCounts(reports), setup, network,
                    clock, new AgentMeters(meters, node));
            loop.checkRuntime();
            network.start(loop::trigger, START_TIMEOUT);
            configs = new ConfigWatcher(config.bootstrapServers(), node, source, loop::trigger);
            configs.start(START_TIMEOUT);
            heartbeat = new Heartbeat(config, HostInfo.current(), runtimeVersion(runtime), publisher,
                    loop::runtimeProblem, server.port(), clock);
            heartbeat.register(START_TIMEOUT);
            watcher = new AssignmentWatcher(config.bootstrapServers(), node, loop::trigger);
            watcher.start(START_TIMEOUT);
            loop.start(watcher::desired);
            heartbeat.start();
            if (runtime instanceof DockerRuntime docker) {
                usage = UsageReporter.start(node, DockerStatsSource.connect(docker.dockerHost()), publisher,
                        config.metricsInterval(), clock);
            }
            LOG.info("node {}: agent started with the {} runtime, logs and exec on {}:{}", node, runtime.name(),
                    AgentServer.HOST, server.port());
            return new NodeAgent(node, publisher, heartbeat, loop, watcher, configs, server, services, network,
                    usage);
        } catch (RuntimeException e) {
            closeQuietly(usage, watcher, configs, heartbeat, loop, network, server, services, publisher);
            throw e;
        }
    }

    /** The loopback port of the agent's logs and exec server, registered in its Node record. */
    public int serverPort() {
        return server.port();
    }

    /** Where the agent's metrics are served, on its logs and exec server: {@code http://127.0.0.1:PORT/metrics}. */
    public String metricsUrl() {
        return "http://" + AgentServer.HOST + ":" + server.port() + MetricsServer.PATH;
    }

    /** Where the pod network opens its pods' host ports: the node proxy, or nothing when it is off. */
    public HostPorts hostPorts() {
        return services == null ? HostPorts.NONE : services.hostPorts();
    }

    /** The name of the node this agent runs. */
    public String nodeName() {
        return nodeName;
    }

    /**
     * Stops heartbeats and reconciling but leaves the containers running; a new agent with the same node
     * name adopts them.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(usage, heartbeat, watcher, configs, loop, network, server, services, publisher);
            LOG.info("node {}: agent stopped, containers left running", nodeName);
        }
    }

    /** Restart counts of pod containers as this node last reported them, keyed by pod uid and container. */
    private static Map<ContainerKey, ContainerHistory> restartCounts(Map<String, PodStatusReport> reports) {
        Map<ContainerKey, ContainerHistory> history = new HashMap<>();
        for (PodStatusReport report : reports.values()) {
            for (ContainerStatus status : report.getStatus().getContainerStatuses()) {
                if (status.getRestartCount() > 0) {
                    history.put(new ContainerKey(report.getPodUid(), status.getName()),
                            ContainerHistory.adopted(status.getRestartCount(), status.getLastState() == null
                                    ? null : status.getLastState().getTerminated()));
                }
            }
        }
        return history;
    }

    /** The node as the downward API shows it: its address, allocatable cpu and memory, and its pods' addresses. */
    private static NodeFacts nodeFacts(AgentConfig config, PodNetwork network) {
        Map<String, String> capacity = NodeRecords.capacity(config, HostInfo.current());
        return new NodeFacts(config.nodeName(), NodeRecords.NODE_IP, Quantity.parseMillis(capacity.get("cpu")),
                Quantity.parseBytes(capacity.get("memory")), network::podIP);
    }

    /** Pods in sandboxes on the machine's pod network with Docker; on the node's own network with other runtimes. */
    private static PodNetwork podNetwork(AgentConfig config, ContainerRuntime runtime, PodNetworkOptions options) {
        if (runtime instanceof DockerRuntime docker) {
            return new SandboxNetwork(config.nodeName(), config.bootstrapServers(), runtime,
                    new DockerNetwork(docker.client(), Cidr.parse(ClusterNetwork.CLUSTER_CIDR)),
                    new HostFirewall(DockerNetwork.BRIDGE, ClusterNetwork.SERVICE_CIDR), config.podsDir(), options);
        }
        return PodNetwork.NODE;
    }

    private static String runtimeVersion(ContainerRuntime runtime) {
        try {
            return runtime.version();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the {} runtime version: {}", runtime.name(), e.getMessage());
            return runtime.name() + "://unknown";
        }
    }

    private static void closeQuietly(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}

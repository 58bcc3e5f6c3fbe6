package io.korch.cli.dev;

import io.korch.agent.AgentConfig;
import io.korch.agent.NodeAgent;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerRuntimes;
import io.korch.controllers.ControllersApp;
import io.korch.controllers.ControllersConfig;
import io.korch.controllers.autoscaler.AutoscalerConfig;
import io.korch.controllers.autoscaler.ReplicaCalculator;
import io.korch.gateway.GatewayApp;
import io.korch.gateway.GatewayConfig;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.prometheus.MetricsServer;
import io.korch.scheduler.SchedulerApp;
import io.korch.scheduler.SchedulerConfig;
import io.korch.topics.TopicAdmin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A whole korch cluster in this JVM: a real single-node Kafka broker (or an external cluster), the
 * korch topics, the API gateway, the controllers, the scheduler and N node agents — what
 * {@code korch dev} runs, and what end-to-end tests start from code.
 *
 * <p>Start-up goes in dependency order and reports each step on the progress stream; if a step
 * fails, what was already started is closed again and the error says which step failed.
 * {@link #close()} stops everything in reverse order. Agents can be stopped and started again
 * one by one ({@link #stopAgent}, {@link #startAgent}) to simulate the loss and return of a node:
 * a stopped agent no longer heartbeats, but its containers keep running, and a restarted one adopts
 * them. Each node keeps its container runtime for the life of the cluster, so the local-process
 * fallback also finds its processes again.
 */
public final class DevCluster implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final DevClusterOptions options;
    private final Progress progress;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final Map<String, NodeAgent> agents = new LinkedHashMap<>();
    private final Map<String, ContainerRuntime> runtimes = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();
    private String bootstrapServers;
    private String apiUrl;
    /** Where each component but the agents serves its metrics, in start order. */
    private final Map<String, String> metricsUrls = new LinkedHashMap<>();
    private boolean closed;

    /** Something started, with how to stop it and how to call it in messages. */
    private record Stoppable(String name, AutoCloseable closeable) {
    }

    private DevCluster(DevClusterOptions options, PrintStream progress) {
        this.options = options;
        this.progress = new Progress(progress);
    }

    /**
     * Starts every component and returns once the API answers and every agent registered.
     *
     * @param progress where the steps are reported ({@code starting Kafka… done (2.1 s)})
     * @throws IllegalStateException with a one-line message when a port is taken or a component fails to start
     */
    public static DevCluster start(DevClusterOptions options, PrintStream progress) {
        DevCluster cluster = new DevCluster(options, progress);
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() {
        if (options.externalKafka() == null) {
            Ports.requireFree(LOOPBACK, options.kafkaPort(), "--kafka-port");
        }
        Ports.requireFree(LOOPBACK, options.apiPort(), "--port");
        if (options.externalKafka() == null) {
            EmbeddedKafkaBroker kafka = step("starting Kafka", () -> EmbeddedKafkaBroker.builder()
                    .dataDir(options.dataDir().resolve("kafka"))
                    .port(options.kafkaPort())
                    .build()
                    .start());
            started.push(new Stoppable("Kafka", kafka));
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = options.externalKafka();
        }
        step("creating topics", () -> {
            TopicAdmin.createTopics(bootstrapServers, options.partitions(), (short) 1, options.changeLogRetention());
            return null;
        });
        GatewayApp gateway = step("starting API gateway",
                () -> GatewayApp.start(new GatewayConfig(bootstrapServers, LOOPBACK, options.apiPort(),
                        options.dataDir().resolve("gateway"))));
        started.push(new Stoppable("API gateway", gateway));
        apiUrl = gateway.url();
        metricsUrls.put("gateway", gateway.metricsUrl());
        for (int i = 1; i <= options.controllers(); i++) {
            startControllers(instanceName("controllers", i, options.controllers()));
        }
        for (int i = 1; i <= options.schedulers(); i++) {
            startScheduler(instanceName("scheduler", i, options.schedulers()));
        }
        for (int i = 1; i <= options.nodes(); i++) {
            startAgent(DevClusterOptions.nodeName(i));
        }
    }

    /**
     * Starts one controllers instance, keeping its state under {@code name}: instances share the
     * work as one consumer group.
     */
    private void startControllers(String name) {
        ControllersApp controllers = step("starting " + name, () -> ControllersApp.start(new ControllersConfig(
                bootstrapServers, ControllersConfig.DEFAULT_APPLICATION_ID, options.dataDir().resolve(name),
                options.nodeGracePeriod(), options.nodeEviction()).withAutoscaler(autoscaler())));
        started.push(new Stoppable(name, controllers));
        controllers.onFailure(() -> failed(name));
        serveMetrics(name, controllers.meters());
    }

    /** The autoscaler controller's settings: it scales through this cluster's own gateway. */
    private AutoscalerConfig autoscaler() {
        return new AutoscalerConfig(URI.create(apiUrl), options.hpaSyncPeriod(), options.hpaDownscaleStabilization(),
                ReplicaCalculator.DEFAULT_TOLERANCE);
    }

    /** Starts one scheduler instance, keeping its state under {@code name}. */
    private void startScheduler(String name) {
        SchedulerApp scheduler = step("starting " + name,
                () -> SchedulerApp.start(SchedulerConfig.defaults(bootstrapServers, options.dataDir().resolve(name))));
        started.push(new Stoppable(name, scheduler));
        scheduler.onFailure(() -> failed(name));
        serveMetrics(name, scheduler.meters());
    }

    /** Serves the metrics of component {@code name} on a free loopback port, until the cluster closes. */
    private void serveMetrics(String name, PrometheusMeterRegistry meters) {
        MetricsServer server = MetricsServer.start(LOOPBACK, 0, meters);
        started.push(new Stoppable(name + " metrics", server));
        metricsUrls.put(name, server.url());
    }

    /**
     * Where each component serves {@code GET /metrics}, by name ({@code gateway}, {@code controllers},
     * {@code scheduler}, {@code agent node-1}...): the gateway and the agents on their own servers, the
     * others on a loopback port each. An agent restarted by {@link #startAgent} is on a new port.
     */
    public synchronized Map<String, String> metricsUrls() {
        Map<String, String> urls = new LinkedHashMap<>(metricsUrls);
        agents.forEach((node, agent) -> urls.put("agent " + node, agent.metricsUrl()));
        return urls;
    }

    /** {@code controllers} for a single instance (the state directory of earlier versions), else {@code controllers-2}. */
    private static String instanceName(String component, int i, int count) {
        return count == 1 ? component : component + "-" + i;
    }

    /**
     * Registers a listener told the name of a component ({@code controllers}, {@code scheduler})
     * that stopped working while the cluster runs; a cluster that lost one cannot converge, so
     * {@code korch dev} stops.
     */
    public void onFailure(Consumer<String> listener) {
        failureListeners.add(listener);
    }

    private void failed(String component) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        failureListeners.forEach(listener -> listener.accept(component));
    }

    /** The API's base URL: {@code http://127.0.0.1:8080}. */
    public String apiUrl() {
        return apiUrl;
    }

    /** The Kafka bootstrap servers: {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The names of the nodes whose agents run now, in start order. */
    public synchronized List<String> runningNodes() {
        return new ArrayList<>(agents.keySet());
    }

    /**
     * The running agent of {@code nodeName}.
     *
     * @throws IllegalStateException when that node's agent is not running
     */
    public synchronized NodeAgent agent(String nodeName) {
        NodeAgent agent = agents.get(nodeName);
        if (agent == null) {
            throw new IllegalStateException("no agent runs for node " + nodeName + "; running: " + agents.keySet());
        }
        return agent;
    }

    /**
     * Stops the agent of {@code nodeName} as if its machine were lost: heartbeats and reconciling
     * stop, its containers keep running.
     *
     * @throws IllegalStateException when that node's agent is not running
     */
    public synchronized void stopAgent(String nodeName) {
        NodeAgent agent = agent(nodeName);
        agents.remove(nodeName);
        agent.close();
    }

    /**
     * Starts the agent of {@code nodeName} — again after {@link #stopAgent}, when it adopts the
     * containers it left running, or for a new node.
     *
     * @throws IllegalStateException when it already runs, or no container runtime is usable
     */
    public synchronized void startAgent(String nodeName) {
        if (closed) {
            throw new IllegalStateException("the dev cluster is closed");
        }
        if (agents.containsKey(nodeName)) {
            throw new IllegalStateException("the agent of " + nodeName + " is already running");
        }
        ContainerRuntime runtime = runtimes.computeIfAbsent(nodeName, name -> detectRuntime());
        NodeAgent agent = step("starting " + nodeName,
                () -> NodeAgent.start(AgentConfig.defaults(bootstrapServers, nodeName)
                        .withDataDir(options.dataDir().resolve("agents").resolve(nodeName))
                        .withMetricsInterval(options.metricsInterval()).withProxyMode(options.proxyMode()), runtime));
        agents.put(nodeName, agent);
    }

    private ContainerRuntime detectRuntime() {
        List<String> found = new ArrayList<>();
        ContainerRuntime runtime = ContainerRuntimes.detect(options.allowProcessFallback(), found::add);
        for (String warning : found) {
            if (warnings.add(warning)) {
                progress.line(warning);
            }
        }
        return runtime;
    }

    /** Stops the agents, then the scheduler, controllers, gateway and Kafka, each once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        List<String> nodes = new ArrayList<>(agents.keySet());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            closeQuietly(nodes.get(i), agents.remove(nodes.get(i)), problems);
        }
        List<String> runtimeNodes = new ArrayList<>(runtimes.keySet());
        for (String node : runtimeNodes) {
            closeQuietly("container runtime of " + node, runtimes.remove(node), problems);
        }
        while (!started.isEmpty()) {
            Stoppable component = started.pop();
            closeQuietly(component.name(), component.closeable(), problems);
        }
        for (String problem : problems) {
            progress.line("WARNING: " + problem);
        }
    }

    private static void closeQuietly(String name, AutoCloseable closeable, List<String> problems) {
        try {
            closeable.close();
        } catch (Exception e) {
            problems.add("stopping " + name + " failed: " + e.getMessage());
        }
    }

    private <T> T step(String label, Supplier<T> action) {
        return progress.step(label, () -> {
            try {
                return action.get();
            } catch (RuntimeException e) {
                throw new IllegalStateException(label + " failed: " + rootMessage(e), e);
            }
        });
    }

    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            cause = cause.getCause();
        }
        return message.toString();
    }
}

package io.korch.agent;

import io.korch.api.Node;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the node's {@link Node} record to {@code korch.nodes} every heartbeat interval, on its own thread
 * so that a slow container runtime never delays a heartbeat. The node is Ready unless the last reconcile
 * pass could not reach the runtime; the record carries the port of the agent's logs and exec server.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final AgentConfig config;
    private final HostInfo host;
    private final String runtimeVersion;
    private final RecordPublisher publisher;
    private final Supplier<String> runtimeProblem;
    private final Clock clock;
    private final int serverPort;
    private final Instant registeredAt;
    private final ScheduledExecutorService timer;
    /** Touched by the heartbeat thread only (and once by {@link #register} before it starts). */
    private Boolean lastReady;
    private Instant readySince;
    private volatile boolean failing;

    Heartbeat(AgentConfig config, HostInfo host, String runtimeVersion, RecordPublisher publisher,
              Supplier<String> runtimeProblem, int serverPort, Clock clock) {
        this.serverPort = serverPort;
        this.config = config;
        this.host = host;
        this.runtimeVersion = runtimeVersion;
        this.publisher = publisher;
        this.runtimeProblem = runtimeProblem;
        this.clock = clock;
        this.registeredAt = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-agent-heartbeat-" + config.nodeName()));
    }

    /**
     * Writes the first Node record and waits until Kafka has it.
     *
     * @throws IllegalStateException if Kafka did not acknowledge it within {@code timeout}
     */
    void register(Duration timeout) {
        try {
            publisher.send(Topics.NODES, config.nodeName(), next()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering node " + config.nodeName(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot register node " + config.nodeName() + " in "
                    + Topics.NODES.name() + " on " + config.bootstrapServers() + ": " + cause, cause);
        }
    }

    /** Starts beating every {@link AgentConfig#heartbeatInterval()}. */
    void start() {
        long interval = config.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            publisher.send(Topics.NODES, config.nodeName(), next()).whenComplete((ok, error) -> {
                if (error != null && !failing) {
                    LOG.warn("node {}: heartbeat not published: {}", config.nodeName(), error.getMessage());
                } else if (error == null && failing) {
                    LOG.info("node {}: heartbeats published again", config.nodeName());
                }
                failing = error != null;
            });
        } catch (RuntimeException e) {
            LOG.error("node {}: heartbeat failed: {}", config.nodeName(), e.getMessage(), e);
        }
    }

    private Node next() {
        Instant now = clock.instant();
        String problem = runtimeProblem.get();
        boolean ready = problem == null;
        if (lastReady == null || lastReady != ready) {
            lastReady = ready;
            readySince = now;
        }
        return NodeRecords.withKubeletPort(
                NodeRecords.node(config, host, runtimeVersion, registeredAt, problem, readySince, now), serverPort);
    }

    /** Stops beating; nothing more is written, as when the node is lost. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

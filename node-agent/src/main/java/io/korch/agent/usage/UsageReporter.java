package io.korch.agent.usage;

import io.korch.agent.RecordPublisher;
import io.korch.api.NodeUsage;
import io.korch.api.PodUsage;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the resource use of a node's pods and of the node every metrics interval: on a thread of its own
 * it lists the node's running pod containers, reads each one's stats from the {@link StatsSource}, turns them
 * into samples ({@link UsageSampler}) and sends a {@code PodUsage} per sampled pod to {@code korch.metrics.pods}
 * (key {@code namespace/name}) and a {@code NodeUsage} to {@code korch.metrics.nodes} (key the node name). It
 * never touches the reconcile loop: a slow or failing runtime only delays or skips samples. A round reads
 * containers one after another and stops reading when it has taken an interval, so rounds never pile up.
 */
public final class UsageReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);

    private final String nodeName;
    private final StatsSource source;
    private final RecordPublisher publisher;
    private final Duration interval;
    private final Clock clock;
    private final UsageSampler sampler;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;

    private UsageReporter(String nodeName, StatsSource source, RecordPublisher publisher, Duration interval,
                          Clock clock) {
        this.nodeName = nodeName;
        this.source = source;
        this.publisher = publisher;
        this.interval = interval;
        this.clock = clock;
        this.sampler = new UsageSampler(nodeName);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "korch-agent-usage-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading {@code source} every {@code interval}, the first round at once; closing it closes the source. */
    public static UsageReporter start(String nodeName, StatsSource source, RecordPublisher publisher,
                                      Duration interval, Clock clock) {
        UsageReporter reporter = new UsageReporter(nodeName, source, publisher, interval, clock);
        reporter.thread.scheduleAtFixedRate(reporter::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** One round: read, sample, publish. Failures are logged once until a round succeeds again. */
    private void round() {
        try {
            Instant deadline = clock.instant().plus(interval);
            Map<PodContainer, ContainerStats> readings = new LinkedHashMap<>();
            List<PodContainer> running = source.running(nodeName);
            for (PodContainer container : running) {
                if (clock.instant().isAfter(deadline)) {
                    LOG.warn("node {}: reading container stats took longer than {}; {} of {} containers read",
                            nodeName, interval, readings.size(), running.size());
                    break;
                }
                source.read(container.id()).ifPresent(stats -> readings.put(container, stats));
            }
            UsageSampler.Samples samples = sampler.sample(readings, clock.instant());
            samples.pods().forEach(this::publish);
            samples.node().ifPresent(this::publish);
            if (failing) {
                failing = false;
                LOG.info("node {}: resource use is read again", nodeName);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("node {}: cannot read the resource use of its containers: {}", nodeName, e.getMessage());
            }
        }
    }

    private void publish(PodUsage usage) {
        String key = usage.getNamespace() + "/" + usage.getName();
        logFailure(publisher.send(Topics.POD_METRICS, key, usage), key);
    }

    private void publish(NodeUsage usage) {
        logFailure(publisher.send(Topics.NODE_METRICS, nodeName, usage), nodeName);
    }

    /** A lost sample is replaced by the next round's: it is not retried. */
    private void logFailure(CompletableFuture<?> sent, String key) {
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("node {}: usage sample of {} not published: {}", nodeName, key, error.getMessage());
            }
        });
    }

    /** Stops sampling and closes the source. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(DockerStatsSource.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}

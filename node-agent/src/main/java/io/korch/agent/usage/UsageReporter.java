package io.korch.agent.usage;

import io.korch.agent.DaemonThreads;
import io.korch.agent.RecordPublisher;
import io.korch.api.NodeUsage;
import io.korch.api.PodUsage;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the resource use of a node's pods and of the node every metrics interval: on a thread of its own
 * it lists the node's running pod containers, reads each one's stats from the {@link StatsSource}, turns them
 * into samples ({@link UsageSampler}) and sends a {@code PodUsage} per sampled pod to {@code korch.metrics.pods}
 * (key {@code namespace/name}) and a {@code NodeUsage} to {@code korch.metrics.nodes} (key the node name). It
 * never touches the reconcile loop: a slow or failing runtime only delays or skips samples.
 *
 * <p>A runtime may answer a stats read only at its next collection tick (Docker's engine collects every
 * second, so a one-shot read takes up to a second), so a round reads up to {@link #PARALLEL_READS} containers
 * at once: the reads wait for one tick together instead of one tick each. A round stops waiting after an
 * interval, or after {@link DockerStatsSource#TIMEOUT} when that is longer, and the next round begins where
 * this one stopped, so that on a node with more containers than a round can read none is left out for good.
 * Rounds never overlap.
 */
public final class UsageReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);
    /** How many containers a round reads at once. */
    static final int PARALLEL_READS = 8;

    private final String nodeName;
    private final StatsSource source;
    private final RecordPublisher publisher;
    private final Duration interval;
    /** The longest a round waits for its reads: an interval, or a stats call's timeout when that is longer. */
    private final Duration roundWait;
    private final Clock clock;
    private final UsageSampler sampler;
    private final ScheduledExecutorService thread;
    private final ExecutorService readers;
    private volatile boolean failing;
    /** Where in the list of running containers the next round begins reading. */
    private int nextFirst;

    private UsageReporter(String nodeName, StatsSource source, RecordPublisher publisher, Duration interval,
                          Clock clock) {
        this.nodeName = nodeName;
        this.source = source;
        this.publisher = publisher;
        this.interval = interval;
        this.roundWait = interval.compareTo(DockerStatsSource.TIMEOUT) > 0 ? interval : DockerStatsSource.TIMEOUT;
        this.clock = clock;
        this.sampler = new UsageSampler(nodeName);
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-agent-usage-" + nodeName));
        this.readers = Executors.newFixedThreadPool(PARALLEL_READS, DaemonThreads.named("korch-agent-stats-" + nodeName));
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
            Instant deadline = clock.instant().plus(roundWait);
            List<PodContainer> running = source.running(nodeName);
            Map<PodContainer, ContainerStats> readings = readAll(rotated(running), deadline);
            if (readings.size() < running.size()) {
                LOG.warn("node {}: {} of {} containers' stats read within {}", nodeName, readings.size(),
                        running.size(), roundWait);
            }
            nextFirst += readings.size();
            UsageSampler.Samples samples = sampler.sample(readings, running, clock.instant());
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

    /** {@code running}, beginning where the previous round stopped reading. */
    private List<PodContainer> rotated(List<PodContainer> running) {
        if (running.isEmpty()) {
            return running;
        }
        List<PodContainer> order = new ArrayList<>(running);
        Collections.rotate(order, -(nextFirst % running.size()));
        return order;
    }

    /**
     * The readings of {@code containers} that arrive by {@code deadline}, read {@link #PARALLEL_READS} at a
     * time; the rest are cancelled. When reads failed and none succeeded, a failure is thrown, so it is logged.
     */
    private Map<PodContainer, ContainerStats> readAll(List<PodContainer> containers, Instant deadline) {
        Map<PodContainer, CompletableFuture<Optional<ContainerStats>>> reads = new LinkedHashMap<>();
        containers.forEach(c -> reads.put(c, CompletableFuture.supplyAsync(() -> source.read(c.id()), readers)));
        try {
            CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some reads are late or failed: the others are kept
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<PodContainer, ContainerStats> readings = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<PodContainer, CompletableFuture<Optional<ContainerStats>>> read : reads.entrySet()) {
            if (read.getValue().cancel(true)) {
                continue; // late: a read not yet begun never begins
            }
            try {
                read.getValue().join().ifPresent(stats -> readings.put(read.getKey(), stats));
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null && readings.isEmpty()) {
            throw failure;
        }
        return readings;
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
        readers.shutdownNow();
        try {
            thread.awaitTermination(DockerStatsSource.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}

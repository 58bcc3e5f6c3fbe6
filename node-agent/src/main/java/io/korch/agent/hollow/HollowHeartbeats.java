package io.korch.agent.hollow;

import io.korch.agent.DaemonThreads;
import io.korch.agent.NodeRecords;
import io.korch.agent.RecordPublisher;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every hollow node in {@code korch.nodes} and then writes each one's Node record once per
 * heartbeat interval, through one producer and one timer thread.
 *
 * <p>The interval is cut into {@link #slices} ticks of {@link #TICK}; node {@code i} beats in tick
 * {@code i % slices}, so 5,000 nodes at 1 s send 250 records every 50 ms rather than 5,000 at once.
 * Per node only its name and uid are kept; the records come from one {@link NodeTemplate}.
 */
final class HollowHeartbeats implements AutoCloseable {

    /** The timer's period: the interval is spread over ticks of this length. */
    static final Duration TICK = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(HollowHeartbeats.class);

    private final String[] names;
    private final String[] uids;
    private final NodeTemplate template;
    private final RecordPublisher publisher;
    private final Clock clock;
    private final int slices;
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    /** Touched by the timer thread only. */
    private long tick;

    HollowHeartbeats(List<String> nodeNames, NodeTemplate template, RecordPublisher publisher, Duration interval,
                     Clock clock) {
        this.names = nodeNames.toArray(String[]::new);
        this.uids = nodeNames.stream().map(NodeRecords::uid).toArray(String[]::new);
        this.template = template;
        this.publisher = publisher;
        this.clock = clock;
        this.slices = slices(interval);
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-hollow-heartbeats"));
    }

    /** How many ticks of {@link #TICK} one interval spans: at least one. */
    static int slices(Duration interval) {
        return (int) Math.max(1, interval.toMillis() / TICK.toMillis());
    }

    /** The indexes of the nodes that beat in tick {@code tick}. Pure. */
    static List<Integer> slice(int nodes, int slices, long tick) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = (int) (tick % slices); i < nodes; i += slices) {
            indexes.add(i);
        }
        return indexes;
    }

    /**
     * Writes every node's first record and waits until Kafka has them all.
     *
     * @throws IllegalStateException if Kafka did not acknowledge them within {@code timeout}
     */
    void register(Duration timeout) {
        List<CompletableFuture<?>> sent = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            sent.add(send(i));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the hollow nodes", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot register " + names.length + " hollow nodes in "
                    + Topics.NODES.name() + ": " + cause, cause);
        }
    }

    /** Starts beating. */
    void start() {
        timer.scheduleAtFixedRate(this::beat, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeats of {@code nodeName} for good, as if its machine died; the others go on. */
    void stop(String nodeName) {
        stopped.add(nodeName);
    }

    private void beat() {
        try {
            for (int i : slice(names.length, slices, tick++)) {
                if (!stopped.contains(names[i])) {
                    send(i);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("hollow heartbeats failed: {}", e.getMessage(), e);
        }
    }

    private CompletableFuture<?> send(int index) {
        return publisher.send(Topics.NODES, names[index], template.of(names[index], uids[index], clock.instant()))
                .whenComplete((ok, error) -> {
                    if (error != null && failing.compareAndSet(false, true)) {
                        LOG.warn("hollow heartbeats not published: {}", error.getMessage());
                    } else if (error == null && failing.compareAndSet(true, false)) {
                        LOG.info("hollow heartbeats published again");
                    }
                });
    }

    /** Stops beating; nothing more is written. */
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

package io.korch.changelog;

import io.korch.streams.SkipRule;
import io.korch.streams.StreamsClient;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsMeters;
import io.korch.streams.StreamsRole;
import io.korch.streams.StreamsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the change log ({@link ChangeLogTopology}) as a Kafka Streams application. Every gateway
 * runs one member; the sequencer's single task is active on one of them and standing by on
 * another, so when its gateway dies the next takes over within seconds and meanwhile writes wait.
 */
public final class ChangeLogApp implements AutoCloseable {

    /** The application id, the same on every gateway: one change log per cluster. */
    public static final String APPLICATION_ID = "korch-change-log";
    /**
     * How often the change log commits. Every write the API acknowledges waits for a commit (the
     * gateway answers once it reads the change), so it commits far more often than the
     * controllers' 100 ms; a commit costs a few milliseconds of the broker's time.
     *
     * <p>5 ms rather than 10: a write spends most of its time waiting for the next commit, not
     * for the cpu, so committing twice as often answers sooner at about the same CPU per write.
     * Measured with {@code ApiThroughput} (docs/benchmarks.md) on 2 shared cpus, alternating runs:
     * creates/s from 64 connections about 1,300–1,500 instead of 950–1,050, and at 500 creates/s
     * p50 19–24 ms instead of 27–28 ms, p99 59–89 ms instead of 90–120 ms. Shorter was worse:
     * at 2 ms about 980 creates/s, and 0 (a commit after every poll) 140, each commit then
     * carrying too few writes for its fixed cost.
     */
    public static final int COMMIT_INTERVAL_MS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogApp.class);
    private static final StreamsRole ROLE = new StreamsRole("change log",
            "the API accepts no writes and records no changes", Duration.ofSeconds(90), Duration.ofSeconds(30));

    private final StreamsClient client;

    private ChangeLogApp(StreamsClient client) {
        this.client = client;
    }

    /** Starts a member of the change log on {@code bootstrapServers}, its state under {@code stateDir}; returns once it runs. */
    public static ChangeLogApp start(String bootstrapServers, Path stateDir) {
        return start(bootstrapServers, stateDir, null);
    }

    /** {@link #start(String, Path)}, its consumer lag and health in {@code meters} (null: none). */
    public static ChangeLogApp start(String bootstrapServers, Path stateDir, MeterRegistry meters) {
        return launch(bootstrapServers, stateDir, meters).awaitRunning();
    }

    /**
     * Starts a member of the change log and returns at once, so that a gateway reads its view
     * while the member joins its group; {@link #awaitRunning} waits for it.
     */
    public static ChangeLogApp launch(String bootstrapServers, Path stateDir, MeterRegistry meters) {
        StreamsSettings settings = new StreamsSettings(bootstrapServers, APPLICATION_ID, stateDir,
                SkipRule.exceptionsOfType(IllegalArgumentException.class)).asStaticMember();
        Properties props = StreamsConfigs.of(settings);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        if (meters != null) {
            StreamsMeters.withRegistry(props, meters);
        }
        return new ChangeLogApp(StreamsClient.launch(ROLE, ChangeLogTopology.topology(Clock.systemUTC()), props));
    }

    /**
     * Returns this member once it runs.
     *
     * @throws IllegalStateException when it fails or does not run within 90 s; it is closed then
     */
    public ChangeLogApp awaitRunning() {
        client.awaitRunning();
        LOG.info("change log running (application id {})", APPLICATION_ID);
        return this;
    }

    /** Whether it runs: RUNNING or REBALANCING, and never failed. */
    public boolean healthy() {
        return client.healthy();
    }

    /** Runs {@code listener} once when the change log fails or stops without {@link #close()}. */
    public void onFailure(Runnable listener) {
        client.onFailure(listener);
    }

    @Override
    public void close() {
        client.close();
    }
}

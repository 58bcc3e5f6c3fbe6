package io.korch.streams;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Builds the Kafka Streams configuration of every korch Streams application (the controllers, the
 * node-lifecycle controller, the scheduler) from its {@link StreamsSettings}: the settings below are
 * the same for all of them, so they process, commit and recover alike.
 *
 * <p>Failover: an instance killed with {@code kill -9} has its partitions running on another
 * instance within seconds while exactly-once holds (measured from the kill to a record processed on
 * every moved task: 4.2–5.8 s at the median on a 2-cpu machine, with outliers over 5 s on a loaded one;
 * see docs/benchmarks.md). The group notices the dead member within {@value #SESSION_TIMEOUT_MS} ms and
 * moves its tasks to the instances holding their standby copies, and only those
 * ({@link TakeoverTaskAssignor}); the dead instance's open transaction is aborted within
 * {@value #TRANSACTION_TIMEOUT_MS} ms ({@value #ALWAYS_COMMITTING_TRANSACTION_TIMEOUT_MS} ms for the
 * node-lifecycle controller, which is nearly always in one), so the new owner's restore and every read_committed reader stop waiting on it. That needs two broker
 * settings below the broker defaults, which the embedded dev broker sets and an external Kafka
 * cluster must set too: {@code group.min.session.timeout.ms=1000} (the default, 6000, refuses a
 * 3 s session: the application would not join its group) and
 * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} at 250 (the default, 10 s, is
 * how often the broker looks for timed-out transactions, and would delay the abort by up to that).
 */
public final class StreamsConfigs {

    /** How often each application commits, in milliseconds. */
    public static final int COMMIT_INTERVAL_MS = 100;
    /** How long the group waits for a silent member's heartbeat before it gives its tasks to others. */
    public static final int SESSION_TIMEOUT_MS = 3_000;
    /** How often a member heartbeats: three chances within one session. */
    public static final int HEARTBEAT_INTERVAL_MS = 1_000;
    /** How soon an instance catching up on a task's stores is checked again, to move the task to it. */
    public static final long PROBING_REBALANCE_INTERVAL_MS = 60_000;
    /** How long a transaction may stay open before the broker aborts it; well above the commit interval. */
    public static final int TRANSACTION_TIMEOUT_MS = 5_000;
    /**
     * The same for an application that is nearly always in a transaction ({@link StreamsSettings#alwaysCommitting}):
     * the session timeout, so that a dead instance's transaction ends about when its tasks have moved.
     */
    public static final int ALWAYS_COMMITTING_TRANSACTION_TIMEOUT_MS = SESSION_TIMEOUT_MS;

    private StreamsConfigs() {
    }

    /** The Kafka Streams properties for {@code settings}. */
    public static Properties of(StreamsSettings settings) {
        Properties props = new Properties();
        // The consumer group of the application and the prefix of its changelog topics.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        // Store updates, output records and input offsets of each record commit atomically, so a
        // replay after a crash never creates a second pod or ReplicaSet for the same intent, loses
        // a placement or counts a pod twice on a node.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Outputs become visible to read_committed readers (the other controllers, the scheduler,
        // the agents, the gateway) only when a transaction commits: commit often to keep each hop
        // short. The node-lifecycle controller also judges how far it has read the heartbeats by
        // its committed offset (CommittedReadPositions).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // RocksDB stores and checkpoints, so a restart does not replay every changelog.
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        // Changelog topics take the broker's default.replication.factor: 1 on the dev broker, 3 in production.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        // One thread per instance: scale out by running more instances, which share the partitions as one group.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Every topic is keyed by object identity (namespace/name or node name).
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // A new application reads every topic from its start: the compacted topics are the cluster state.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Standby tasks keep a warm copy of each store on another instance, so the instance that
        // takes a dead one's tasks over resumes at once instead of restoring whole changelogs.
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // A dead instance's tasks go to their caught-up standbys and no live instance's task moves in
        // the same rebalance, so the takeover needs no follow-up rebalance (see TakeoverTaskAssignor).
        props.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, TakeoverTaskAssignor.class.getName());
        // An instance that (re)joins behind on some stores warms copies up and takes its share of the
        // tasks at the next probing rebalance: a minute (the least allowed) instead of ten.
        props.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, PROBING_REBALANCE_INTERVAL_MS);
        // A member that died without leaving its group (kill -9, a lost machine) is noticed within
        // 3 s instead of the 45 s default, and its tasks move; heartbeats every second keep a live
        // one in the group. Needs the broker's group.min.session.timeout.ms at 1000 (see above).
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), HEARTBEAT_INTERVAL_MS);
        // The broker aborts a dead instance's open transaction after 5 s (3 s for an application always
        // in one) instead of the 10 s Streams default under exactly-once, so read_committed readers, the
        // task restoring its stores and the new owner fetching its committed offsets do not wait long on
        // it. Must stay above the commit interval, which bounds how long a live instance keeps a
        // transaction open. Needs the broker to look for timed-out transactions often
        // (transaction.abort.timed.out.transaction.cleanup.interval.ms, see above).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), settings.transactionTimeoutMs());
        // A record this version cannot decode is logged and skipped instead of stopping the
        // application; the writer's schema is in korch.schemas for whoever investigates.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // A processing error the application's rule allows is logged and its record skipped; every
        // other record keeps being processed. Any other error fails the task, and its transaction
        // rolls back whatever the step had written (see SkippingExceptionHandler and SkipRule).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkippingExceptionHandler.class);
        settings.skipRule().writeTo(props);
        if (settings.instanceId() != null) {
            // A static member: a restart within the session replaces it at once, without a rebalance.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), settings.instanceId());
        }
        return props;
    }
}

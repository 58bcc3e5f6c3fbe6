package io.korch.controllers;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Builds the Kafka Streams configurations of the controllers application and of the node-lifecycle application. */
public final class StreamsConfigs {

    private StreamsConfigs() {
    }

    /** The Kafka Streams properties of the deployment and replicaset controllers for {@code config}. */
    public static Properties of(ControllersConfig config) {
        return of(config, config.applicationId(), null);
    }

    /**
     * The Kafka Streams properties of the node-lifecycle controller for {@code config}: those of the
     * controllers, under an application id of its own, so that it has its own consumer group,
     * thread and commits. Its commit interval matters twice: the committed offset is also the
     * position by which it judges how far it has read the heartbeats ({@code CommittedReadPositions}).
     */
    public static Properties nodeLifecycle(ControllersConfig config) {
        return of(config, config.nodeLifecycleApplicationId(), null);
    }

    /**
     * The Kafka Streams properties of the instance known in its group as {@code instanceId}: a static
     * member, which a restart replaces at once rather than after the broker gives the old one up (45 s).
     */
    public static Properties of(ControllersConfig config, String instanceId) {
        return of(config, config.applicationId(), instanceId);
    }

    /** {@link #nodeLifecycle(ControllersConfig)} for the static member {@code instanceId}. */
    public static Properties nodeLifecycle(ControllersConfig config, String instanceId) {
        return of(config, config.nodeLifecycleApplicationId(), instanceId);
    }

    private static Properties of(ControllersConfig config, String applicationId, String instanceId) {
        Properties props = new Properties();
        // The consumer group of the application and the prefix of its changelog topics.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // Store updates, output records and input offsets of each record commit atomically, so a
        // replay after a crash never creates a second pod or ReplicaSet for the same intent.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Outputs become visible to read_committed readers (the other controllers, the scheduler,
        // the gateway) only when a transaction commits: commit often to keep each hop short.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // RocksDB stores and checkpoints, so a restart does not replay every changelog.
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        // Changelog topics take the broker's default.replication.factor: 1 on the dev broker, 3 in production.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        // One thread per instance: scale out by running more instances, which share the partitions as one group.
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Every topic is keyed by object identity (namespace/name or node name).
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // A new application reads every topic from its start: the compacted topics are the cluster state.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A record that cannot be decoded is logged and skipped instead of stopping every controller.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // An object whose reconcile throws is logged and skipped; every other object keeps being
        // reconciled, and that one is reconciled again on its next change. Skipping is safe only
        // because every processor plans its whole step before it writes a store or forwards a
        // record (see Effects), so a skipped record left no partial step behind: this handler skips
        // exactly those failures (ReconcileException) and fails the application on any other, which
        // could have come halfway through a step and is then rolled back with its transaction.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ReconcileExceptionHandler.class);
        if (instanceId != null) {
            // A static member: a restart replaces it at once rather than after the broker gives the old one up (45 s).
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        return props;
    }
}

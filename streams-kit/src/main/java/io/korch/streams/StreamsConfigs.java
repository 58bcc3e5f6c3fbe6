package io.korch.streams;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Builds the Kafka Streams configuration of every korch Streams application (the controllers, the
 * node-lifecycle controller, the scheduler) from its {@link StreamsSettings}: the settings below are
 * the same for all of them, so they process, commit and recover alike.
 */
public final class StreamsConfigs {

    /** How often each application commits, in milliseconds. */
    public static final int COMMIT_INTERVAL_MS = 100;

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
        // An instance that died without leaving its group is replaced after 10 s instead of the
        // 45 s default; heartbeats every 3 s keep a live one in the group.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        // A record this version cannot decode is logged and skipped instead of stopping the
        // application; the writer's schema is in korch.schemas for whoever investigates.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // A processing error the application's rule allows is logged and its record skipped; every
        // other record keeps being processed. Any other error fails the task, and its transaction
        // rolls back whatever the step had written (see SkippingExceptionHandler and SkipRule).
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkippingExceptionHandler.class);
        settings.skipRule().writeTo(props);
        if (settings.instanceId() != null) {
            // A static member: a restart replaces it at once, without a rebalance.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), settings.instanceId());
        }
        return props;
    }
}

package io.korch.scheduler;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Builds the Kafka Streams configuration of the scheduler. */
public final class StreamsConfigs {

    private StreamsConfigs() {
    }

    /** The Streams properties for {@code config}. */
    public static Properties of(SchedulerConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        // A binding, the node's new assignment and the store updates commit together or not at
        // all, so a crash can neither lose a placement nor count a pod twice on a node.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Outputs become visible at commit under exactly-once; 100 ms keeps the path from pod
        // creation to the agent short (the default under exactly-once is also 100 ms).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Internal changelog topics take the broker's default replication factor: 1 on the
        // single-broker development cluster, the cluster's own setting in production.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        // One thread: placement runs in a single task (see SchedulerTopology).
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // A new application id reads the compacted topics from their beginning: every pod and
        // node ever declared, not only those written after the first start.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A scheduler that died without leaving its group is replaced after 10 s instead of the
        // 45 s default; heartbeats every 3 s keep a live one in the group.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        // A record this version cannot decode is logged and skipped instead of stopping all
        // placement; the writer's schema is in korch.schemas for whoever investigates.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // A record whose scheduling throws unexpectedly is logged and skipped instead of stopping all
        // placement (and failing on the same record after every restart). Safe under exactly-once
        // only because the processor computes before it writes; the handler lets write failures
        // (Kafka exceptions) fail the task, aborting the transaction.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SchedulingExceptionHandler.class);
        return props;
    }
}

package io.korch.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import io.korch.topics.KorchPartitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The one place that configures the gateway's Kafka clients. */
public final class KafkaSettings {

    /**
     * How long a write may wait for Kafka's acknowledgement before the client gets a 503. A few
     * seconds: long enough for a leader election on a healthy cluster, short enough that a broker
     * that went away gives a prompt answer.
     */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long closing a consumer of the gateway waits for the broker's answers: not at all, as none
     * is in a group or commits offsets (a wait would only slow a stop or a history request).
     */
    public static final Duration CONSUMER_CLOSE = Duration.ZERO;

    private KafkaSettings() {
    }

    /** The producer of desired state: every request writes one record and waits for its acknowledgement. */
    public static Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "korch-gateway");
        // A write is acknowledged only once every in-sync replica has it: an answered request survives a broker loss.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries never duplicate or reorder a record.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Bounded waits so an unreachable broker becomes a prompt 503 instead of a hanging request:
        // one request attempt, the whole delivery (including retries), and the wait for metadata.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (WRITE_TIMEOUT.toMillis() * 3 / 5));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, WRITE_TIMEOUT.toMillis());
        // Requests wait on the acknowledgement, so batching gains little; keep latency low.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // Come back quickly once a broker that went away returns.
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Each record goes to the partition its topic's rule gives its key (by namespace, by node).
        return KorchPartitioner.use(props);
    }

    /** The consumer of the materialized view: no group, every partition assigned and read from the beginning. */
    public static Map<String, Object> viewConsumer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "korch-gateway-view");
        // No group: the view is rebuilt from the beginning at every start and never commits.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The controllers write with exactly_once_v2: never serve a record of an aborted transaction.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        // Bounded blocking calls (end offsets at start) so a missing broker fails the start with a clear message.
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** An admin client used once at start to check that Kafka answers and the topics exist. */
    public static Map<String, Object> admin(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "korch-gateway-admin");
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return props;
    }
}

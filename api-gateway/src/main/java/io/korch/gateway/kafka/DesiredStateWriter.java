package io.korch.gateway.kafka;

import io.korch.topics.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes desired state — one record per request — to the gateway's own topics and turns the
 * producer's acknowledgement into a Vert.x {@link Future} that completes, on the caller's context,
 * with the record's offset.
 *
 * <p>{@link Producer#send} may block while it waits for metadata, so it is called on a dedicated
 * sender thread and never on the event loop. The producer is idempotent with {@code acks=all}; a
 * write that Kafka does not acknowledge within {@link KafkaSettings#WRITE_TIMEOUT} fails with the
 * producer's {@link KafkaException}.
 */
public final class DesiredStateWriter implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final ExecutorService sender;

    DesiredStateWriter(Producer<byte[], byte[]> producer) {
        this.producer = producer;
        this.sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "korch-gateway-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A writer with its own producer on {@code bootstrapServers}. */
    public static DesiredStateWriter create(String bootstrapServers) {
        return new DesiredStateWriter(new KafkaProducer<>(KafkaSettings.producer(bootstrapServers)));
    }

    /**
     * Writes {@code value} (null: a tombstone) under {@code key}.
     *
     * @return the offset of the acknowledged record; callbacks run on the calling Vert.x context
     * @throws IllegalArgumentException when the gateway is not the writer of {@code topic}
     */
    public <V> Future<Long> write(Topic<String, V> topic, String key, V value) {
        if (topic.writer() != Topic.Writer.GATEWAY) {
            throw new IllegalArgumentException("the gateway does not write " + topic.name());
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
        CompletableFuture<Long> acknowledged = new CompletableFuture<>();
        try {
            sender.execute(() -> send(record, acknowledged));
        } catch (RejectedExecutionException e) {
            acknowledged.completeExceptionally(new KafkaException("the gateway is shutting down", e));
        }
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(acknowledged)
                : Future.fromCompletionStage(acknowledged, context);
    }

    private void send(ProducerRecord<byte[], byte[]> record, CompletableFuture<Long> acknowledged) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(metadata.offset());
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
    }

    /** Stops sending; waits a few seconds for records in flight. */
    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}

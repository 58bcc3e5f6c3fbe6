package io.korch.gateway.kafka;

import io.korch.api.WriteResponse;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change log's answers ({@link Topics#WRITE_RESPONSES}) from the moment the gateway
 * starts and completes the request waiting for each answer addressed to this gateway. A request
 * registers ({@link #expect}) before it is sent, so its answer cannot pass unseen. When reading
 * fails, the feed starts a new consumer at the end of the answers after a pause; the requests
 * answered meanwhile time out (504) and their clients look before they retry.
 */
public final class ResponseFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final String gateway;
    private final String bootstrapServers;
    private volatile Consumer<byte[], byte[]> consumer;
    private final Map<String, CompletableFuture<WriteResponse>> waiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ResponseFeed(String gateway, String bootstrapServers, Consumer<byte[], byte[]> consumer) {
        this.gateway = gateway;
        this.bootstrapServers = bootstrapServers;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "korch-gateway-responses");
        this.thread.setDaemon(true);
    }

    /** Starts following the answers to {@code gateway} on {@code bootstrapServers}, from their end now. */
    public static ResponseFeed start(String bootstrapServers, String gateway) {
        ResponseFeed feed = new ResponseFeed(gateway, bootstrapServers, atEnd(bootstrapServers));
        feed.thread.start();
        return feed;
    }

    /** A consumer of the answers positioned at their end now, before any request is sent. */
    private static Consumer<byte[], byte[]> atEnd(String bootstrapServers) {
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.viewConsumer(bootstrapServers));
        TopicPartition partition = new TopicPartition(Topics.WRITE_RESPONSES.name(), 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        return consumer;
    }

    /** The gateway whose answers it follows. */
    public String gateway() {
        return gateway;
    }

    /** The answer to request {@code requestId}, once it arrives; call before sending the request. */
    public CompletableFuture<WriteResponse> expect(String requestId) {
        CompletableFuture<WriteResponse> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        answer.whenComplete((response, error) -> waiting.remove(requestId));
        return answer;
    }

    private void run() {
        while (running) {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                        deliver(record);
                    }
                }
            } catch (WakeupException e) {
                LOG.debug("response feed woken up to stop");
            } catch (RuntimeException e) {
                LOG.error("the gateway stopped reading the change log's answers; it starts again in {} ms, "
                        + "and writes waiting meanwhile time out", RESTART_PAUSE.toMillis(), e);
                consumer.close(KafkaSettings.CONSUMER_CLOSE);
                consumer = restart();
                continue;
            }
            consumer.close(KafkaSettings.CONSUMER_CLOSE);
        }
    }

    /** A new consumer at the end of the answers, after a pause; the current one while stopping. */
    private Consumer<byte[], byte[]> restart() {
        try {
            Thread.sleep(RESTART_PAUSE.toMillis());
            return running ? atEnd(bootstrapServers) : consumer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return consumer;
        } catch (RuntimeException e) {
            LOG.warn("cannot start reading the change log's answers yet: {}", e.getMessage());
            return consumer;
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        try {
            String to = Topics.WRITE_RESPONSES.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (!gateway.equals(to) || record.value() == null) {
                return;
            }
            WriteResponse response = Topics.WRITE_RESPONSES.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            CompletableFuture<WriteResponse> answer = waiting.get(response.getRequestId());
            if (answer != null) {
                answer.complete(response);
            }
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable answer at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

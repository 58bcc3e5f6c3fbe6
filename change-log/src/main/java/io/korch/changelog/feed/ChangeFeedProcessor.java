package io.korch.changelog.feed;

import io.korch.api.ChangeFeedEntry;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Gathers the records of one served topic that the change log does not write itself — the
 * controllers', the scheduler's, the agents' — onto the one-partition change feed, so the
 * sequencer orders them with the gateways' requests. The value goes on as written; node records
 * only when they change more than their heartbeat ({@link HeartbeatFilter}).
 */
public final class ChangeFeedProcessor implements Processor<String, byte[], String, ChangeFeedEntry> {

    private final Topic<String, ?> topic;
    private ProcessorContext<String, ChangeFeedEntry> context;
    private HeartbeatFilter heartbeats;

    /** Feeds the records of {@code topic}. */
    public ChangeFeedProcessor(Topic<String, ?> topic) {
        this.topic = topic;
    }

    /** The store of node heartbeats the processor of {@link Topics#NODES} needs. */
    public static String heartbeatStore() {
        return HeartbeatFilter.STORE;
    }

    @Override
    public void init(ProcessorContext<String, ChangeFeedEntry> context) {
        this.context = context;
        if (topic == Topics.NODES) {
            heartbeats = new HeartbeatFilter(context.getStateStore(HeartbeatFilter.STORE));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (heartbeats != null && !heartbeats.isChange(record.key(), record.value(), record.timestamp())) {
            return;
        }
        ChangeFeedEntry entry = ChangeFeedEntry.newBuilder()
                .setTopic(topic.name())
                .setKey(record.key())
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setTime(Instant.ofEpochMilli(record.timestamp()))
                .setActor(actorOf(record.key()))
                .build();
        context.forward(record.withValue(entry));
    }

    /** Who wrote the records of the topic: the kind of its writer, and the node for an agent's node record. */
    private String actorOf(String key) {
        return switch (topic.writer()) {
            case CONTROLLERS -> "controllers";
            case SCHEDULER -> "scheduler";
            case AGENTS -> topic == Topics.NODES ? "agent/" + key : "agents";
            default -> topic.writer().name().toLowerCase();
        };
    }
}

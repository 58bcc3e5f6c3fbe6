package io.korch.gateway.view;

import io.korch.topics.Topic;
import java.nio.ByteBuffer;

/** Decodes the record values a {@link io.korch.api.Change} carries, with their topic's serde. */
public final class ChangeValues {

    private ChangeValues() {
    }

    /** The value {@code bytes} of a record of {@code topic}; null for null (a deletion, or no earlier value). */
    public static <V> V decode(Topic<String, V> topic, ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer copy = bytes.duplicate();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return topic.valueSerde().deserializer().deserialize(topic.name(), array);
    }
}

package io.korch.agent.services;

import io.korch.agent.TopicFollower;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.services} and {@code korch.endpointslices}, every partition from the beginning (every
 * node needs every Service), into a {@link ServiceCatalog}: each poll's records are applied as one change, the
 * last record of a key winning, a tombstone deleting. {@link #start} returns once both topics were read to their
 * end. A record that cannot be read is logged with where it is and skipped.
 */
public final class ServiceCatalogFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCatalogFollower.class);

    private final ServiceCatalog catalog;
    private final TopicFollower services;
    private final TopicFollower slices;

    public ServiceCatalogFollower(String bootstrapServers, String clientSuffix, ServiceCatalog catalog) {
        this.catalog = catalog;
        this.services = new TopicFollower(bootstrapServers, Topics.SERVICES, "korch-agent-services-" + clientSuffix,
                this::onServices);
        this.slices = new TopicFollower(bootstrapServers, Topics.ENDPOINT_SLICES,
                "korch-agent-endpointslices-" + clientSuffix, this::onSlices);
    }

    /**
     * Starts following both topics and waits until each was read to its end.
     *
     * @throws IllegalStateException if a topic does not exist or its end was not reached within {@code timeout}
     */
    public void start(Duration timeout) {
        services.start(timeout);
        slices.start(timeout);
    }

    /** The catalog this follower fills. */
    public ServiceCatalog catalog() {
        return catalog;
    }

    private void onServices(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        Map<String, Service> changed = read(records, Topics.SERVICES);
        if (!changed.isEmpty()) {
            catalog.apply(changed, Map.of());
        }
    }

    private void onSlices(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        Map<String, EndpointSlice> changed = read(records, Topics.ENDPOINT_SLICES);
        if (!changed.isEmpty()) {
            catalog.apply(Map.of(), changed);
        }
    }

    private static <V> Map<String, V> read(ConsumerRecords<String, byte[]> records, Topic<String, V> topic) {
        Map<String, V> changed = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                changed.put(record.key(), null);
                continue;
            }
            try {
                changed.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                LOG.error("cannot read {} at {}-{}@{}, keeping the previous value: {}", record.key(), record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        return changed;
    }

    @Override
    public void close() {
        services.close();
        slices.close();
    }
}

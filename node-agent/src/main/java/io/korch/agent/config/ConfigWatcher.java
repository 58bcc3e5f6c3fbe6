package io.korch.agent.config;

import io.korch.agent.TopicFollower;
import io.korch.api.ConfigMap;
import io.korch.api.Secret;
import io.korch.topics.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code korch.configmaps} and {@code korch.secrets} from their beginning into a {@link ConfigSource}:
 * each record keyed {@code namespace/name} replaces the object, a tombstone removes it. {@link #start}
 * returns once both topics were read up to their end, so containers created after it see every ConfigMap
 * and Secret that existed at start; after that every change calls {@code onChange} (a reconcile pass, which
 * creates the containers that waited for it and refreshes mounted files).
 *
 * <p>Every node reads every namespace's objects, as an agent cannot know which pods it will get. Secret
 * values are never logged: a record that cannot be read is reported by key and offset only.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final ConfigSource source;
    private final Runnable onChange;
    private final TopicFollower configMaps;
    private final TopicFollower secrets;

    public ConfigWatcher(String bootstrapServers, String nodeName, ConfigSource source, Runnable onChange) {
        this.source = source;
        this.onChange = onChange;
        this.configMaps = new TopicFollower(bootstrapServers, Topics.CONFIGMAPS, "korch-agent-configmaps-" + nodeName,
                this::onConfigMaps);
        this.secrets = new TopicFollower(bootstrapServers, Topics.SECRETS, "korch-agent-secrets-" + nodeName,
                this::onSecrets);
    }

    /**
     * Starts following both topics and waits until each was read to its end.
     *
     * @throws IllegalStateException if a topic does not exist or its end was not reached within {@code timeout}
     */
    public void start(Duration timeout) {
        configMaps.start(timeout);
        secrets.start(timeout);
    }

    /** The view this watcher keeps. */
    public ConfigSource source() {
        return source;
    }

    private void onConfigMaps(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                changed |= source.removeConfigMap(record.key());
                continue;
            }
            try {
                ConfigMap configMap = Topics.CONFIGMAPS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value());
                changed |= source.put(configMap);
            } catch (RuntimeException e) {
                unreadable(record, e);
            }
        }
        notifyIf(changed, caughtUp);
    }

    private void onSecrets(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                changed |= source.removeSecret(record.key());
                continue;
            }
            try {
                Secret secret = Topics.SECRETS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                changed |= source.put(secret);
            } catch (RuntimeException e) {
                unreadable(record, e);
            }
        }
        notifyIf(changed, caughtUp);
    }

    private void notifyIf(boolean changed, boolean caughtUp) {
        if (changed && caughtUp) {
            onChange.run();
        }
    }

    private static void unreadable(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        // the exception's message could quote the value; only where the record is, is logged
        LOG.error("cannot read {} at {}-{}@{}, keeping the previous value ({})", record.key(), record.topic(),
                record.partition(), record.offset(), e.getClass().getSimpleName());
    }

    @Override
    public void close() {
        configMaps.close();
        secrets.close();
    }
}

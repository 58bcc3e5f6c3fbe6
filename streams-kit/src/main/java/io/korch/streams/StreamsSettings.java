package io.korch.streams;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What sets one korch Streams application apart from the others; {@link StreamsConfigs} turns it
 * into the full configuration, the same for every application otherwise.
 *
 * @param bootstrapServers the Kafka cluster holding the korch topics
 * @param applicationId    the application id: consumer group and prefix of its internal topics
 * @param stateDir         where its local state stores live
 * @param skipRule         which processing errors it skips rather than fails on
 * @param instanceId       its static group membership ({@code group.instance.id}), or null for a dynamic member
 */
public record StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, SkipRule skipRule,
                              String instanceId) {

    public StreamsSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(skipRule, "skipRule");
    }

    /** The settings of a dynamic group member. */
    public StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, SkipRule skipRule) {
        this(bootstrapServers, applicationId, stateDir, skipRule, null);
    }

    /**
     * These settings for a static member whose identity is kept in the state directory
     * ({@link InstanceId}), created there on first use.
     */
    public StreamsSettings asStaticMember() {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, skipRule,
                InstanceId.of(stateDir, applicationId));
    }
}

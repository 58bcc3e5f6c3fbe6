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
 * @param transactionTimeoutMs how long the broker lets one of its transactions stay open before aborting it
 */
public record StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, SkipRule skipRule,
                              String instanceId, int transactionTimeoutMs) {

    public StreamsSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(skipRule, "skipRule");
        if (transactionTimeoutMs <= StreamsConfigs.COMMIT_INTERVAL_MS) {
            throw new IllegalArgumentException("the transaction timeout (" + transactionTimeoutMs
                    + " ms) must be above the commit interval (" + StreamsConfigs.COMMIT_INTERVAL_MS + " ms)");
        }
    }

    /** The settings of a dynamic group member, with the usual transaction timeout. */
    public StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, SkipRule skipRule) {
        this(bootstrapServers, applicationId, stateDir, skipRule, null, StreamsConfigs.TRANSACTION_TIMEOUT_MS);
    }

    /**
     * These settings for an application that is nearly always inside a transaction (it commits every
     * {@value StreamsConfigs#COMMIT_INTERVAL_MS} ms because records arrive all the time): its transactions
     * time out after {@value StreamsConfigs#ALWAYS_COMMITTING_TRANSACTION_TIMEOUT_MS} ms. A killed instance
     * of it has almost always sent the offsets of an open transaction, which its tasks' new owner cannot
     * read until the broker aborts that transaction (KIP-447); the shorter timeout ends that wait about when
     * the group has moved the tasks.
     */
    public StreamsSettings alwaysCommitting() {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, skipRule, instanceId,
                StreamsConfigs.ALWAYS_COMMITTING_TRANSACTION_TIMEOUT_MS);
    }

    /**
     * These settings for a static member whose identity is kept in the state directory
     * ({@link InstanceId}), created there on first use.
     */
    public StreamsSettings asStaticMember() {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, skipRule,
                InstanceId.of(stateDir, applicationId), transactionTimeoutMs);
    }
}

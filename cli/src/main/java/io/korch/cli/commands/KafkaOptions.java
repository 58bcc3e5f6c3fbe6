package io.korch.cli.commands;

import io.korch.topics.TopicAdmin;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The Kafka options of the commands that run one service: where the cluster is, and whether to create the topics. */
public final class KafkaOptions {

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT",
            description = "Bootstrap servers of the Kafka cluster holding the korch topics.")
    String bootstrapServers;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create missing korch topics (replication factor 1) before starting (default: true).")
    boolean createTopics;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + TopicAdmin.DEFAULT_PARTITIONS,
            description = "Partitions of each topic it creates; every korch topic has the same count"
                    + " (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--change-log-retention", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "How long korch.changes keeps every change, for watch, history and time travel"
                    + " (for example 7d or 12h; default: 7 days on a new cluster, unchanged on an existing one).")
    Duration changeLogRetention;

    /** The bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the missing topics when asked to; safe when they exist. */
    public void prepareTopics() {
        if (createTopics) {
            TopicAdmin.createTopics(bootstrapServers, partitions, (short) 1, changeLogRetention);
        }
    }
}

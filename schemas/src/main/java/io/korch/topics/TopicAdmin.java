package io.korch.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the korch topics and checks their partitioning.
 *
 * <p>Every topic of {@link Topics#ALL} is created with the same partition count, so that the topics
 * of one {@link Partitioning} are co-partitioned: partition {@code p} of {@code korch.pods} holds
 * the same namespaces as partition {@code p} of {@code korch.bindings}, and one Kafka Streams task
 * sees a namespace's whole object graph. {@link #requireCoPartitioned} turns topics that were
 * created apart with different counts into a clear start-up error instead of silently misplaced work.
 */
public final class TopicAdmin {

    /** Partitions of each topic when the user chooses none. */
    public static final int DEFAULT_PARTITIONS = 3;
    /** How long a topic that is not known yet is asked about again before it counts as missing. */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
    private static final Duration METADATA_BACKOFF = Duration.ofMillis(100);

    private TopicAdmin() {
    }

    /**
     * Fails unless every one of {@code topics} exists and all have the same number of partitions;
     * single-log topics ({@link Partitioning#SINGLE}) are left out, they have one by design.
     *
     * @param component the component that needs it, for the message
     * @return the common partition count
     * @throws IllegalStateException naming the topics and their counts when they differ, or when
     *                               the topics cannot be described
     */
    public static int requireCoPartitioned(String bootstrapServers, Collection<? extends Topic<?, ?>> topics,
                                           String component) {
        List<Topic<?, ?>> partitioned = topics.stream()
                .filter(topic -> topic.partitioning() != Partitioning.SINGLE)
                .<Topic<?, ?>>map(topic -> topic).toList();
        Map<String, Integer> counts = partitionCounts(bootstrapServers, partitioned, component);
        Set<Integer> distinct = Set.copyOf(counts.values());
        if (distinct.size() > 1) {
            String listing = counts.entrySet().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
                            Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                    .entrySet().stream()
                    .map(group -> String.join(", ", group.getValue()) + (group.getValue().size() == 1 ? " has " : " have ")
                            + group.getKey() + (group.getKey() == 1 ? " partition" : " partitions"))
                    .collect(Collectors.joining("; "));
            throw new IllegalStateException("the topics of the " + component + " must be co-partitioned (have one"
                    + " partition count), but " + listing + "; recreate them with one count (--partitions N)");
        }
        return distinct.iterator().next();
    }

    /** The partition count of each of {@code topics}, by name, in the order given. */
    private static Map<String, Integer> partitionCounts(String bootstrapServers,
                                                        Collection<? extends Topic<?, ?>> topics, String component) {
        List<String> names = topics.stream().map(Topic::name).distinct().toList();
        try (Admin admin = Admin.create(adminProps(bootstrapServers))) {
            Map<String, TopicDescription> descriptions = describe(admin, names);
            Map<String, Integer> counts = new LinkedHashMap<>();
            names.forEach(name -> counts.put(name, descriptions.get(name).partitions().size()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot describe the topics of the " + component + " on " + bootstrapServers
                    + " (do the korch topics exist?): " + cause.getMessage(), cause);
        }
    }

    /**
     * Describes {@code names}. A topic created a moment ago, by this process or another component,
     * reaches the metadata of every broker asynchronously: an unknown topic is asked about again,
     * with a short back-off, for up to {@link #METADATA_WAIT}, then reported.
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        return describeUntil(admin, names, descriptions -> true);
    }

    /**
     * Describes {@code names} until {@code settled} holds of the answer, asking again with a short
     * back-off while a topic is unknown or {@code settled} does not hold, for up to
     * {@link #METADATA_WAIT}. Past it, an unknown topic is reported and an unsettled answer returned.
     */
    private static Map<String, TopicDescription> describeUntil(Admin admin, List<String> names,
                                                               Predicate<Map<String, TopicDescription>> settled)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                if (settled.test(descriptions) || System.nanoTime() > deadline) {
                    return descriptions;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(METADATA_BACKOFF.toMillis());
        }
    }

    /**
     * The partition count the korch topics of a cluster already have, when some exist and all agree:
     * topics that a newer version adds take it, so an existing cluster stays co-partitioned whatever
     * {@code --partitions} says (it applies to a new cluster).
     */
    private static Optional<Integer> countOfExisting(Admin admin, Set<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> present = Topics.ALL.stream()
                .filter(topic -> topic.partitioning() != Partitioning.SINGLE)
                .map(Topic::name).filter(existing::contains).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> counts = describe(admin, present).values().stream()
                .map(description -> description.partitions().size())
                .collect(Collectors.toSet());
        return counts.size() == 1 ? Optional.of(counts.iterator().next()) : Optional.empty();
    }

    /**
     * Waits, for up to {@link #METADATA_WAIT}, until every partition of {@code names} has a leader;
     * past it, the components' clients wait for leaders themselves, this only spares them the errors.
     */
    private static void awaitLeaders(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        describeUntil(admin, names, descriptions -> descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
    }

    /** {@link #createTopics(String, int, short, Duration)} keeping the change log's retention as it is (7 days when new). */
    public static void createTopics(String bootstrapServers, int partitions, short replicationFactor) {
        createTopics(bootstrapServers, partitions, replicationFactor, null);
    }

    /**
     * Creates every missing korch topic on the cluster at {@code bootstrapServers} and returns once
     * the brokers know them and every partition has a leader; safe to run at every start, and by
     * several components at once. Topics that exist are left as they are, except the change log's
     * retention when {@code changeRetention} is given.
     *
     * @param partitions        partitions of each new topic, at least 1 (single-log topics get one)
     * @param replicationFactor replication factor of each new topic (1 on a single broker)
     * @param changeRetention   how long {@link Topics#CHANGES} keeps changes, or null for 7 days on a new cluster
     * @throws IllegalArgumentException if {@code partitions} is less than 1 or the retention not positive
     */
    public static void createTopics(String bootstrapServers, int partitions, short replicationFactor,
                                    Duration changeRetention) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
        if (changeRetention != null && (changeRetention.isZero() || changeRetention.isNegative())) {
            throw new IllegalArgumentException("--change-log-retention must be positive, not " + changeRetention);
        }
        try (Admin admin = Admin.create(adminProps(bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            int count = countOfExisting(admin, existing).orElse(partitions);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitionsOn(count), replicationFactor)
                            .configs(configsOf(topic, changeRetention)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                // return once every new partition has a leader, so that a component started next neither
                // misses a topic nor sends its first records to a partition still electing one (an
                // idempotent producer's retry there can collide with its own appended batch)
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
            if (changeRetention != null && existing.contains(Topics.CHANGES.name())) {
                setRetention(admin, Topics.CHANGES, changeRetention);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return; // another component created them concurrently
            }
            throw new IllegalStateException("cannot create korch topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** The configs a new {@code topic} is created with. */
    private static Map<String, String> configsOf(Topic<?, ?> topic, Duration changeRetention) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        if (topic == Topics.CHANGES && changeRetention != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(changeRetention.toMillis()));
        }
        return configs;
    }

    private static void setRetention(Admin admin, Topic<?, ?> topic, Duration retention)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        AlterConfigOp set = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())),
                AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get(30, TimeUnit.SECONDS);
        // the brokers apply the change from the metadata log a moment later; return once they have
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        String wanted = String.valueOf(retention.toMillis());
        while (!wanted.equals(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                .get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value()) && System.nanoTime() < deadline) {
            Thread.sleep(METADATA_BACKOFF.toMillis());
        }
    }

    private static Properties adminProps(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}

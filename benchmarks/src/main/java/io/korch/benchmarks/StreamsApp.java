package io.korch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * One Kafka Streams application of a korch service as the benchmark watches it from outside: its
 * application id (its consumer group), the state directory under a process's data directory where
 * each instance keeps its identity, and the sub-topology that reads each source topic, so that the
 * partitions a member holds can be told apart by task.
 *
 * @param applicationId the application id
 * @param stateSubdir   the state directory of an instance, relative to its process's data directory
 * @param subtopologies source topic → the sub-topology reading it
 */
record StreamsApp(String applicationId, String stateSubdir, Map<String, Integer> subtopologies) {

    private static final long CALL_TIMEOUT_SECONDS = 30;
    /** Where Kafka Streams keeps an instance's process id, in its application's state directory. */
    static final String PROCESS_FILE = "kafka-streams-process-metadata";
    private static final Pattern PROCESS_ID = Pattern.compile("\"processId\"\\s*:\\s*\"([^\"]+)\"");

    /** A task of the application: a sub-topology and a partition number. */
    record Task(int subtopology, int partition) {
    }

    /**
     * The group's members and the partitions assigned to each, keyed by static member identity
     * ({@code group.instance.id}, {@code <instance identity>-<thread>} under Kafka Streams) or, for a
     * dynamic member, client id ({@code <applicationId>-<processId>-StreamThread-<n>-consumer}).
     *
     * @param state the group's state, such as {@code STABLE}
     */
    record Members(String state, Map<String, Set<TopicPartition>> partitions) {

        /** Every partition assigned to a member. */
        Set<TopicPartition> assigned() {
            Set<TopicPartition> all = new HashSet<>();
            partitions.values().forEach(all::addAll);
            return all;
        }

        /** Whether a stream thread of the instance {@code instanceId} ({@link #identity}) is a member. */
        boolean has(String instanceId) {
            return partitions.keySet().stream().anyMatch(member -> ofInstance(member, instanceId));
        }

        /** The partitions assigned to the stream threads of the instance {@code instanceId}. */
        Set<TopicPartition> of(String instanceId) {
            Set<TopicPartition> assigned = new HashSet<>();
            partitions.forEach((member, held) -> {
                if (ofInstance(member, instanceId)) {
                    assigned.addAll(held);
                }
            });
            return assigned;
        }

        private static boolean ofInstance(String member, String instanceId) {
            return member.equals(instanceId) || member.startsWith(instanceId + "-");
        }
    }

    /** The application {@code applicationId} running {@code topology}. */
    static StreamsApp of(String applicationId, String stateSubdir, Topology topology) {
        Map<String, Integer> subtopologies = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().forEach(topic -> subtopologies.put(topic, subtopology.id()));
                }
            }
        }
        return new StreamsApp(applicationId, stateSubdir, Map.copyOf(subtopologies));
    }

    /** The task that reads {@code partition}, or null if no task of the application reads its topic. */
    Task task(TopicPartition partition) {
        Integer subtopology = subtopologies.get(partition.topic());
        return subtopology == null ? null : new Task(subtopology, partition.partition());
    }

    /**
     * The identity of the instance in the process whose data directory is {@code dataDir}, which its
     * stream threads' member keys ({@link Members}) start with: its static member identity, kept in its
     * state directory, or for a dynamic member its client id, {@code <applicationId>-<processId>}, with
     * the process id Kafka Streams keeps in {@value #PROCESS_FILE}.
     */
    String identity(Path dataDir) {
        Path stateDir = dataDir.resolve(stateSubdir);
        Path instanceId = stateDir.resolve(applicationId + ".instance-id");
        Path processFile = stateDir.resolve(applicationId).resolve(PROCESS_FILE);
        try {
            if (Files.exists(instanceId)) {
                return Files.readString(instanceId, StandardCharsets.UTF_8).trim();
            }
            Matcher processId = PROCESS_ID.matcher(Files.readString(processFile, StandardCharsets.UTF_8));
            if (!processId.find()) {
                throw new IllegalStateException("no process id in " + processFile);
            }
            return applicationId + "-" + processId.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("neither " + instanceId + " nor " + processFile + " can be read", e);
        }
    }

    /** The group's members as the broker describes them now. */
    Members describe(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Set<TopicPartition>> partitions = new HashMap<>();
            for (MemberDescription member : group.members()) {
                partitions.computeIfAbsent(member.groupInstanceId().orElse(member.clientId()), id -> new HashSet<>())
                        .addAll(member.assignment().topicPartitions());
            }
            return new Members(group.groupState().toString(), partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the group " + applicationId + ": " + e, e);
        }
    }
}

package io.korch.scheduler;

import io.korch.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The start-up check that every topic the scheduler reads has exactly one partition. With more,
 * Kafka Streams would split the inputs over several tasks, each placing pods against its own share
 * of the nodes and pods, and nodes would be overcommitted (see {@link SchedulerTopology}).
 */
final class InputPartitions {

    /** Bounds describing the topics. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private InputPartitions() {
    }

    /**
     * Describes {@link SchedulerTopology#INPUTS} on the cluster at {@code bootstrapServers}.
     *
     * @throws IllegalStateException when an input topic has more than one partition, is missing, or
     *     cannot be described within {@link #TIMEOUT}
     */
    static void requireOneEach(String bootstrapServers) {
        List<String> names = SchedulerTopology.INPUTS.stream().map(Topic::name).toList();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, TopicDescription> topics;
        try (Admin admin = Admin.create(props)) {
            // the operation times out by itself, so closing the client never waits on it
            topics = admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + names, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot describe the scheduler's input topics " + names + " on "
                    + bootstrapServers + " (do the korch topics exist?): " + cause.getMessage(), cause);
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            int partitions = topics.get(name).partitions().size();
            if (partitions != 1) {
                problems.add(name + " has " + partitions + " partitions");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(", ", problems)
                    + "; the scheduler needs every input topic to have exactly 1 until scheduling is shared"
                    + " between tasks (\"Scheduler scale-out without overcommit\" in docs/roadmap.md)."
                    + " Recreate the topic with one partition.");
        }
    }
}

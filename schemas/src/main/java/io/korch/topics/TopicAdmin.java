package io.korch.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Creates the topics of {@link Topics#ALL} that do not exist yet; safe to run at every start. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * Fails unless every one of {@code topics} exists with exactly one partition. The controllers
     * and the scheduler need a whole object graph, and every node, in one task until topics are
     * routed by namespace (see docs/roadmap.md); this turns a silent misplacement into a clear
     * start-up error.
     *
     * @param component the component that needs it, for the message
     */
    public static void requireSinglePartition(String bootstrapServers, Collection<? extends Topic<?, ?>> topics,
                                             String component) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<String> names = topics.stream().map(Topic::name).toList();
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<String> wrong = names.stream()
                    .filter(name -> descriptions.get(name).partitions().size() != 1)
                    .map(name -> name + " has " + descriptions.get(name).partitions().size() + " partitions")
                    .toList();
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("the " + component + " needs each of its input topics to have exactly 1 partition"
                        + " until topics are routed by namespace (docs/roadmap.md), but " + String.join(", ", wrong)
                        + "; recreate them with one partition");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot describe the input topics of the " + component + " on " + bootstrapServers
                    + " (do the korch topics exist?): " + cause.getMessage(), cause);
        }
    }

    /**
     * Creates every missing korch topic on the cluster at {@code bootstrapServers}.
     *
     * @param partitions        partitions of each new topic
     * @param replicationFactor replication factor of each new topic (1 on a single broker)
     */
    public static void createTopics(String bootstrapServers, int partitions, short replicationFactor) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replicationFactor)
                            .configs(topic.cleanupPolicy().configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return; // another component created them concurrently
            }
            throw new IllegalStateException("cannot create korch topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}

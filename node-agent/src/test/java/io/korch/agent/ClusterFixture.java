package io.korch.agent;

import io.korch.api.NodePodCidrs;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.topics.Keys;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node broker with the korch topics (several partitions each), and the other side of the
 * conversation: writing pod assignments as the scheduler's binder would, or any record as another component would, committed or in a
 * transaction that is then aborted.
 */
public final class ClusterFixture implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Node → the assignment keys written last, so that {@link #assign} can unassign the others. */
    private final Map<String, Set<String>> assigned = new HashMap<>();
    /** Node → the pod CIDR it was given. */
    private final Map<String, String> podCidrs = new HashMap<>();

    public ClusterFixture() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        // several partitions, so that an agent must find the one partition of its node
        TopicAdmin.createTopics(broker.bootstrapServers(), PARTITIONS, (short) 1);
        producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Assigns exactly {@code pods} to {@code node}, as the scheduler's binder would: one record per
     * pod, and a tombstone for each pod assigned before and not now. A node that has no pod CIDR yet
     * first gets one ({@link #givePodCidr}).
     */
    public void assign(String node, Pod... pods) {
        if (!podCidrs.containsKey(node)) {
            givePodCidr(node);
        }
        Set<String> now = new LinkedHashSet<>();
        for (Pod pod : pods) {
            String key = Keys.onNode(node, Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
            now.add(key);
            publish(Topics.POD_ASSIGNMENTS, key, assignment(node, pod));
        }
        for (String before : assigned.getOrDefault(node, Set.of())) {
            if (!now.contains(before)) {
                publish(Topics.POD_ASSIGNMENTS, before, null);
            }
        }
        assigned.put(node, now);
    }

    /**
     * Gives {@code node} a share of the cluster CIDR, as the node IPAM controller would: a /24 picked at
     * random (from 10.244.1.0/24 to 10.244.200.0/24), so agents of tests running at once on this machine
     * rarely share one.
     *
     * @return the share
     */
    public String givePodCidr(String node) {
        String cidr = "10.244." + ThreadLocalRandom.current().nextInt(1, 201) + ".0/24";
        givePodCidr(node, cidr);
        return cidr;
    }

    /** Gives {@code node} the share {@code cidr} of the cluster CIDR, as the node IPAM controller would. */
    public void givePodCidr(String node, String cidr) {
        publish(Topics.NODE_POD_CIDRS, node, NodePodCidrs.newBuilder().setPodCIDRs(List.of(cidr)).build());
        podCidrs.put(node, cidr);
    }

    /** Makes {@link #assign} leave {@code node} without a pod CIDR, as before the node IPAM controller gave one. */
    public void noPodCidrYet(String node) {
        podCidrs.put(node, null);
    }

    /** The share {@code node} was given, or null. */
    public String podCidr(String node) {
        return podCidrs.get(node);
    }

    /** Assigns {@code pod} to {@code node} in a transaction that is aborted, as by a scheduler that crashed. */
    void assignAndAbort(String node, Pod pod) {
        String key = Keys.onNode(node, Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
        publishAndAbort(Topics.POD_ASSIGNMENTS, key, assignment(node, pod));
    }

    /** Writes {@code value} (null: a tombstone) under {@code key} and waits until Kafka has it. */
    public <V> void publish(Topic<String, V> topic, String key, V value) {
        try {
            producer.send(record(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to " + topic.name(), e);
        }
    }

    /** Writes {@code value} under {@code key} in a transaction, then aborts it; returns once it is aborted. */
    <V> void publishAndAbort(Topic<String, V> topic, String key, V value) {
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-aborted-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> transactional =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(record(topic, key, value));
            transactional.flush();
            transactional.abortTransaction();
        }
    }

    public <V> TopicTail<V> tail(Topic<String, V> topic) {
        return new TopicTail<>(broker.bootstrapServers(), topic);
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return KorchPartitioner.use(props);
    }

    private static PodAssignment assignment(String node, Pod pod) {
        return PodAssignment.newBuilder()
                .setNodeName(node)
                .setPod(pod)
                .setBoundAt(Instant.now())
                .build();
    }

    private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), keyBytes, valueBytes);
    }
}

package io.korch.controllers.nodeipam;

import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodePodCidrs;
import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The node IPAM controller: gives each registered node its share of the cluster CIDR
 * ({@code spec.podCIDRs}, written to {@code korch.node-pod-cidrs}), from which its agent gives
 * pods their addresses, as Kubernetes' node IPAM controller with its range allocator.
 *
 * <pre>
 * korch.nodes, korch.node-specs ──▶ {@value #REGISTRATION_PROCESSOR} (per node partition: first sight, deletion)
 *   ──▶ {@value #REQUESTS} repartition topic, ONE partition
 *   ──▶ {@value #ALLOCATOR_PROCESSOR} ──▶ korch.node-pod-cidrs, korch.events
 * </pre>
 *
 * <p>Shares must be unique in the whole cluster, while nodes are spread over every partition.
 * So the registrations are routed, through a repartition topic of a single partition, to one
 * allocator task that owns every allocation in its state store: a consumer group gives that
 * partition to exactly one instance at a time, and exactly-once processing keeps its store and its
 * output in step across a move, so there is no leader to elect and no lock. Only first sights and
 * deletions cross to it — a heartbeat stops at {@link NodeRegistrationProcessor} — so the one
 * partition carries a record per node registration, not per heartbeat.
 */
public final class NodeIpamController {

    public static final String SOURCE = "node-ipam-nodes-source";
    public static final String REGISTRATION_PROCESSOR = "node-ipam-registrations";
    /** The name of the repartition step; its topic is {@code <application id>-node-ipam-requests-repartition}. */
    public static final String REQUESTS = "node-ipam-requests";
    public static final String ALLOCATOR_PROCESSOR = "node-ipam-allocator";
    public static final String CIDRS_SINK = "node-pod-cidrs-sink";
    public static final String EVENTS_SINK = "node-ipam-events-sink";

    /** The topics it reads, both partitioned by node. */
    public static final List<Topic<?, ?>> INPUTS = List.of(Topics.NODES, Topics.NODE_SPECS);

    /** Node name → {@code registered} or {@code deleted@<millis>}, per node partition. */
    public static final String REGISTRATIONS_STORE = "node-ipam-registrations";
    /** Node name → the NodePodCidrs written for it, on the allocator's partition. */
    public static final String NODE_CIDRS_STORE = "node-ipam-node-cidrs";
    /** Zero-padded share number → the node holding it, on the allocator's partition. */
    public static final String SHARES_STORE = "node-ipam-shares";

    private NodeIpamController() {
    }

    /** Adds the node IPAM controller, handing out the shares of {@code shares}. */
    public static void addTo(StreamsBuilder builder, CidrShares shares) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTRATIONS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NODE_CIDRS_STORE),
                Serdes.String(), Topics.NODE_POD_CIDRS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHARES_STORE),
                Serdes.String(), Serdes.String()));

        KStream<String, Node> nodes = builder.stream(List.of(Topics.NODES.name(), Topics.NODE_SPECS.name()),
                Consumed.with(Serdes.String(), Topics.NODES.valueSerde()).withName(SOURCE));
        KStream<String, SpecificRecord> allocated = nodes
                .process(NodeRegistrationProcessor::new, Named.as(REGISTRATION_PROCESSOR), REGISTRATIONS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName(REQUESTS)
                        .withNumberOfPartitions(1))
                .process(() -> new CidrAllocatorProcessor(shares), Named.as(ALLOCATOR_PROCESSOR),
                        NODE_CIDRS_STORE, SHARES_STORE);
        allocated.split(Named.as("node-ipam-"))
                .branch((node, value) -> value instanceof Event, Branched.withConsumer(events -> events
                        .mapValues(value -> (Event) value, Named.as("node-ipam-event-values"))
                        .to(Topics.EVENTS.name(), produced(Topics.EVENTS, EVENTS_SINK)), "events"))
                .defaultBranch(Branched.withConsumer(cidrs -> cidrs
                        .mapValues(value -> (NodePodCidrs) value, Named.as("node-ipam-cidr-values"))
                        .to(Topics.NODE_POD_CIDRS.name(), produced(Topics.NODE_POD_CIDRS, CIDRS_SINK)), "cidrs"));
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde())
                .withStreamPartitioner(TopicSinks.partitioner(topic))
                .withName(name);
    }
}

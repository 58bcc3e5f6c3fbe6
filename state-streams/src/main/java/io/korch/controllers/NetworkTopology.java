package io.korch.controllers;

import io.korch.controllers.endpoints.EndpointsController;
import io.korch.controllers.nodeipam.CidrShares;
import io.korch.controllers.nodeipam.NodeIpamController;
import io.korch.model.ClusterNetwork;
import io.korch.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The network controllers as one Kafka Streams topology, run as an application of its own
 * ({@link ControllersConfig#networkApplicationId()}) so that a backlog of the workload controllers
 * never delays an endpoint change: a pod that stops being ready leaves its Services' endpoints
 * as soon as its report is read.
 *
 * <pre>
 * endpoints       korch.services, korch.pods, korch.owned.pods, korch.status.pods
 *                   ──▶ korch.endpointslices, korch.endpoints, korch.events
 * node IPAM       korch.nodes, korch.node-specs ──▶ (one partition) ──▶ korch.node-pod-cidrs, korch.events
 * </pre>
 */
public final class NetworkTopology {

    /**
     * The registry topics its tasks read, co-partitioned: by namespace for the endpoints
     * controller, by node for the node IPAM controller's registrations.
     */
    public static final List<Topic<?, ?>> INPUT_TOPICS = inputTopics();

    private NetworkTopology() {
    }

    private static List<Topic<?, ?>> inputTopics() {
        List<Topic<?, ?>> topics = new ArrayList<>(EndpointsController.INPUTS);
        topics.addAll(NodeIpamController.INPUTS);
        return List.copyOf(topics);
    }

    /** The network controllers' topology, taking the uids of new slices and Endpoints from {@code ids}. */
    public static Topology topology(ControllersConfig config, Ids ids) {
        StreamsBuilder builder = new StreamsBuilder();
        NodeIpamController.addTo(builder, new CidrShares(config.clusterCidr(), ClusterNetwork.NODE_CIDR_PREFIX));
        Topology topology = builder.build();
        EndpointsController.addTo(topology, ids);
        return topology;
    }
}

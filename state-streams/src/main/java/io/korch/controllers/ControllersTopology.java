package io.korch.controllers;

import io.korch.controllers.deployment.DeploymentController;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.controllers.replicaset.ReplicaSetController;
import io.korch.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * The controllers as one Kafka Streams topology: three independent controllers that talk to each
 * other only through topics, as every korch component does.
 *
 * <pre>
 * deployment      korch.deployments, korch.status.replicasets
 *                   ──▶ korch.owned.replicasets, korch.status.deployments, korch.events
 * replicaset      korch.replicasets, korch.owned.replicasets, korch.pods, korch.bindings,
 *                 korch.status.pods, korch.pod-deletions + global store of korch.node-health
 *                   ──▶ korch.owned.pods, korch.pod-owners, korch.status.replicasets, korch.events
 * node-lifecycle  korch.nodes
 *                   ──▶ korch.node-health, korch.events
 * </pre>
 *
 * <p>Each controller is a sub-topology of its own, so they run as separate tasks, and each reads
 * the others' output back from Kafka. Time is the processor context's wall clock, which
 * {@code TopologyTestDriver} lets tests move by hand.
 */
public final class ControllersTopology {

    /**
     * The topics the controllers' tasks read. Each must have one partition: a controller needs a
     * Deployment, its ReplicaSets and their pods, which are keyed apart, in one task (see
     * docs/roadmap.md). The global node-health store is not among them: every instance reads all of it.
     */
    public static final List<Topic<?, ?>> INPUT_TOPICS = inputTopics();

    private ControllersTopology() {
    }

    private static List<Topic<?, ?>> inputTopics() {
        List<Topic<?, ?>> topics = new ArrayList<>(NodeLifecycleController.INPUTS);
        topics.addAll(DeploymentController.INPUTS);
        topics.addAll(ReplicaSetController.INPUTS);
        return List.copyOf(topics);
    }

    /** The controllers topology with random uids and pod names. */
    public static Topology topology(ControllersConfig config) {
        return topology(config, Ids.random());
    }

    /** The controllers topology, taking uids and pod name suffixes from {@code ids}. */
    public static Topology topology(ControllersConfig config, Ids ids) {
        Topology topology = new Topology();
        NodeLifecycleController.addTo(topology, config.nodeGracePeriod());
        DeploymentController.addTo(topology, ids);
        ReplicaSetController.addTo(topology, ids);
        return topology;
    }
}

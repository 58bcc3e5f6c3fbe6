package io.korch.controllers;

import io.korch.controllers.deployment.DeploymentController;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.controllers.replicaset.ReplicaSetController;
import io.korch.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * The deployment and replicaset controllers as one Kafka Streams topology: independent controllers
 * that talk to each other, and to the node-lifecycle controller, only through topics, as every korch
 * component does. The node-lifecycle controller is an application of its own
 * ({@link NodeLifecycleController#topology}), so that this topology's backlog never delays a heartbeat.
 *
 * <pre>
 * deployment      korch.deployments, korch.status.replicasets
 *                   ──▶ korch.owned.replicasets, korch.status.deployments, korch.events
 * replicaset      korch.replicasets, korch.owned.replicasets, korch.pods, korch.bindings,
 *                 korch.status.pods, korch.pod-deletions + global store of korch.node-health
 *                   ──▶ korch.owned.pods, korch.pod-owners, korch.status.replicasets, korch.events
 * </pre>
 *
 * <p>Each controller is a sub-topology of its own, so they run as separate tasks, and each reads
 * the others' output back from Kafka. Time is the processor context's wall clock, which
 * {@code TopologyTestDriver} lets tests move by hand.
 */
public final class ControllersTopology {

    /**
     * The topics the controllers' tasks read, co-partitioned by namespace: one task sees a
     * Deployment, its ReplicaSets, their pods, bindings and status reports. The global node-health
     * store is not among them: every instance reads all of it.
     * Those of the node-lifecycle application are {@link NodeLifecycleController#INPUTS}.
     */
    public static final List<Topic<?, ?>> INPUT_TOPICS = inputTopics();

    private ControllersTopology() {
    }

    private static List<Topic<?, ?>> inputTopics() {
        List<Topic<?, ?>> topics = new ArrayList<>(DeploymentController.INPUTS);
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
        DeploymentController.addTo(topology, ids);
        ReplicaSetController.addTo(topology, ids);
        NodeLifecycleController.addHealthStoreTo(topology);
        return topology;
    }
}

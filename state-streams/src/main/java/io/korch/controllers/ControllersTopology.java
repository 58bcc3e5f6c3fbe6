package io.korch.controllers;

import io.korch.controllers.deployment.DeploymentController;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.controllers.replicaset.ReplicaSetController;
import org.apache.kafka.streams.Topology;

/**
 * The controllers as one Kafka Streams topology: three independent controllers that talk to each
 * other only through topics, as every korch component does.
 *
 * <pre>
 * deployment      korch.deployments, korch.status.replicasets
 *                   ──▶ korch.owned.replicasets, korch.status.deployments, korch.events
 * replicaset      korch.replicasets, korch.owned.replicasets, korch.bindings, korch.status.pods
 *                 + global store of korch.node-health
 *                   ──▶ korch.owned.pods, korch.status.replicasets, korch.events
 * node-lifecycle  korch.nodes
 *                   ──▶ korch.node-health, korch.events
 * </pre>
 *
 * <p>Each controller is a sub-topology of its own, so they run as separate tasks, and each reads
 * the others' output back from Kafka. Time is the processor context's wall clock, which
 * {@code TopologyTestDriver} lets tests move by hand.
 */
public final class ControllersTopology {

    private ControllersTopology() {
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

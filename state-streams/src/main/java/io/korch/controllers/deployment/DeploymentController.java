package io.korch.controllers.deployment;

import io.korch.controllers.Ids;
import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The deployment controller's part of the controllers topology.
 *
 * <pre>
 * korch.deployments        ──▶ {@value #DEPLOYMENT_PROCESSOR}        ─┐
 * korch.status.replicasets ──▶ {@value #REPLICASET_STATUS_PROCESSOR} ─┴▶ korch.owned.replicasets,
 *                                                                       korch.status.deployments, korch.events
 * </pre>
 *
 * <p>Both processors share the stores below and reconcile through one {@link DeploymentSync}: a
 * Deployment is reconciled when it changes and when the status of one of its ReplicaSets changes.
 * The controller keeps its own copy of the ReplicaSets it wrote, updated as it writes them, so it
 * never creates a ReplicaSet twice; it reads the replicaset controller's status back from its topic.
 * A rollout that stops moving gets no more input: every {@link #DEADLINE_CHECK_INTERVAL} the
 * Deployment processor reconciles those whose progress deadline passed ({@value #DEADLINES_STORE}),
 * which reports them {@code ProgressDeadlineExceeded}.
 */
public final class DeploymentController {

    public static final String DEPLOYMENTS_SOURCE = "deployments-source";
    public static final String REPLICASET_STATUS_SOURCE = "deployment-replicaset-status-source";
    public static final String DEPLOYMENT_PROCESSOR = "deployment-controller";
    public static final String REPLICASET_STATUS_PROCESSOR = "deployment-replicaset-status-processor";
    public static final String REPLICASETS_SINK = "owned-replicasets-sink";
    public static final String STATUS_SINK = "deployment-status-sink";
    public static final String EVENTS_SINK = "deployment-events-sink";

    /** The topics it reads. */
    public static final List<Topic<?, ?>> INPUTS = List.of(Topics.DEPLOYMENTS, Topics.REPLICASET_STATUS);

    /** Deployment key → the Deployment as declared. */
    public static final String DEPLOYMENTS_STORE = "deployments";
    /** ReplicaSet key → a ReplicaSet this controller wrote. */
    public static final String REPLICASETS_STORE = "deployment-replicasets";
    /** {@code deploymentKey|replicaSetName} → ReplicaSet key: the ReplicaSets of one Deployment, by prefix scan. */
    public static final String REPLICASETS_BY_DEPLOYMENT_STORE = "deployment-replicasets-by-deployment";
    /** ReplicaSet key → the latest status of a ReplicaSet this controller owns. */
    public static final String REPLICASET_STATUS_STORE = "deployment-replicaset-status";
    /** Deployment key → the Deployment status written last. */
    public static final String STATUS_STORE = "deployment-status";
    /**
     * Deployment key → when its rollout, under way, exceeds its progress deadline unless it moves
     * (epoch milliseconds): the Deployments to look at again when no input comes.
     */
    public static final String DEADLINES_STORE = "deployment-progress-deadlines";
    /** How often the deployment controller looks for rollouts past their progress deadline. */
    public static final Duration DEADLINE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private DeploymentController() {
    }

    /** Adds the deployment controller; {@code ids} gives the uids of new ReplicaSets. */
    public static void addTo(Topology topology, Ids ids) {
        topology.addSource(DEPLOYMENTS_SOURCE, Topics.DEPLOYMENTS.keySerde().deserializer(),
                Topics.DEPLOYMENTS.valueSerde().deserializer(), Topics.DEPLOYMENTS.name());
        topology.addSource(REPLICASET_STATUS_SOURCE, Topics.REPLICASET_STATUS.keySerde().deserializer(),
                Topics.REPLICASET_STATUS.valueSerde().deserializer(), Topics.REPLICASET_STATUS.name());
        topology.addProcessor(DEPLOYMENT_PROCESSOR, () -> new DeploymentProcessor(ids), DEPLOYMENTS_SOURCE);
        topology.addProcessor(REPLICASET_STATUS_PROCESSOR, () -> new ReplicaSetStatusProcessor(ids),
                REPLICASET_STATUS_SOURCE);

        String[] processors = {DEPLOYMENT_PROCESSOR, REPLICASET_STATUS_PROCESSOR};
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEPLOYMENTS_STORE),
                Serdes.String(), Topics.DEPLOYMENTS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPLICASETS_STORE),
                Serdes.String(), Topics.OWNED_REPLICASETS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(REPLICASETS_BY_DEPLOYMENT_STORE), Serdes.String(), Serdes.String()),
                processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPLICASET_STATUS_STORE),
                Serdes.String(), Topics.REPLICASET_STATUS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                Serdes.String(), Topics.DEPLOYMENT_STATUS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES_STORE),
                Serdes.String(), Serdes.Long()), processors);

        TopicSinks.add(topology, REPLICASETS_SINK, Topics.OWNED_REPLICASETS, processors);
        TopicSinks.add(topology, STATUS_SINK, Topics.DEPLOYMENT_STATUS, processors);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, processors);
    }
}

package io.korch.controllers.replicaset;

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
 * The replicaset controller's part of the controllers topology.
 *
 * <pre>
 * korch.replicasets, korch.owned.replicasets ──▶ {@value #REPLICASET_PROCESSOR}   ─┐
 * korch.pods                                 ──▶ {@value #DECLARED_POD_PROCESSOR} ─┤
 * korch.bindings                             ──▶ {@value #BINDING_PROCESSOR}      ─┼▶ korch.owned.pods, korch.pod-owners,
 * korch.status.pods                          ──▶ {@value #REPORT_PROCESSOR}       ─┤  korch.status.replicasets, korch.events
 * korch.pod-deletions                        ──▶ {@value #DELETION_PROCESSOR}     ─┘
 * </pre>
 *
 * <p>The five processors share the stores below and reconcile through one {@link ReplicaSetSync}:
 * a ReplicaSet is reconciled when it changes, when one of its pods is bound elsewhere or changes
 * phase or readiness, when a user's request deletes one of its pods (to be replaced), when a pod a
 * user declared that it controls or could adopt changes, and, every
 * {@link #LOST_POD_CHECK_INTERVAL} of wall-clock time, when one of its pods is bound to a node the
 * global store of node health shows NotReady, or when one of its ready pods has been ready for
 * {@code minReadySeconds} ({@value #AVAILABILITY_STORE}). Pods are found by prefix scans of index stores — by
 * ReplicaSet, by node, and the orphans by namespace — never by reading every pod of the cluster.
 *
 * <p>It writes pods only to {@code korch.owned.pods}; a pod a user declared stays in
 * {@code korch.pods}, which only the gateway writes. Adopting and releasing a pod of either topic is
 * a {@code korch.pod-owners} record, which replaces the ownerReferences of that pod (by uid).
 */
public final class ReplicaSetController {

    public static final String USER_REPLICASETS_SOURCE = "replicasets-source";
    public static final String OWNED_REPLICASETS_SOURCE = "owned-replicasets-source";
    public static final String BINDINGS_SOURCE = "bindings-source";
    public static final String POD_REPORTS_SOURCE = "pod-reports-source";
    public static final String POD_DELETIONS_SOURCE = "pod-deletions-source";
    public static final String DECLARED_PODS_SOURCE = "declared-pods-source";
    public static final String REPLICASET_PROCESSOR = "replicaset-controller";
    public static final String BINDING_PROCESSOR = "replicaset-pod-binding-processor";
    public static final String REPORT_PROCESSOR = "replicaset-pod-report-processor";
    public static final String DELETION_PROCESSOR = "replicaset-pod-deletion-processor";
    public static final String DECLARED_POD_PROCESSOR = "replicaset-declared-pod-processor";
    public static final String PODS_SINK = "owned-pods-sink";
    public static final String OWNERSHIP_SINK = "pod-owners-sink";
    public static final String STATUS_SINK = "replicaset-status-sink";
    public static final String EVENTS_SINK = "replicaset-events-sink";

    /** The topics it reads, besides the global node-health store. */
    public static final List<Topic<?, ?>> INPUTS =
            List.of(Topics.REPLICASETS, Topics.OWNED_REPLICASETS, Topics.BINDINGS, Topics.POD_STATUS,
                    Topics.POD_DELETIONS, Topics.PODS);

    /** ReplicaSet key → the ReplicaSet, declared by a user or owned by a Deployment. */
    public static final String REPLICASETS_STORE = "replicasets";
    /** Pod key → a pod this controller wrote. */
    public static final String PODS_STORE = "replicaset-pods";
    /** Pod key → a pod a user declared. */
    public static final String USER_PODS_STORE = "replicaset-user-pods";
    /** Pod key → the {@code korch.pod-owners} record this controller wrote last about it. */
    public static final String OWNERSHIP_STORE = "replicaset-pod-ownership";
    /** {@code replicaSetKey|podName} → pod key: the pods one ReplicaSet controls, by prefix scan. */
    public static final String PODS_BY_REPLICASET_STORE = "replicaset-pods-by-replicaset";
    /** Pod key → pod key: the pods, written or declared, that no ReplicaSet controls, by prefix scan of {@code namespace/}. */
    public static final String ORPHANS_STORE = "replicaset-orphan-pods";
    /** Pod key → the scheduler's binding of that very pod (same uid). */
    public static final String BINDINGS_STORE = "replicaset-pod-bindings";
    /** Pod key → the agent's latest report on that very pod (same uid). */
    public static final String REPORTS_STORE = "replicaset-pod-reports";
    /** {@code nodeName|podKey} → pod key: the pods bound to one node, by prefix scan. */
    public static final String PODS_BY_NODE_STORE = "replicaset-pods-by-node";
    /** ReplicaSet key → the ReplicaSet status written last. */
    public static final String STATUS_STORE = "replicaset-status";
    /**
     * ReplicaSet key → when its next ready pod's {@code minReadySeconds} run out (epoch milliseconds):
     * the ReplicaSets whose available count grows without any input, looked at again then.
     */
    public static final String AVAILABILITY_STORE = "replicaset-pod-availability";
    /** How often pods on NotReady nodes are looked for. */
    public static final Duration LOST_POD_CHECK_INTERVAL = Duration.ofSeconds(1);

    private ReplicaSetController() {
    }

    /** Adds the replicaset controller; {@code ids} gives the uids and name suffixes of new pods. */
    public static void addTo(Topology topology, Ids ids) {
        topology.addSource(USER_REPLICASETS_SOURCE, Topics.REPLICASETS.keySerde().deserializer(),
                Topics.REPLICASETS.valueSerde().deserializer(), Topics.REPLICASETS.name());
        topology.addSource(OWNED_REPLICASETS_SOURCE, Topics.OWNED_REPLICASETS.keySerde().deserializer(),
                Topics.OWNED_REPLICASETS.valueSerde().deserializer(), Topics.OWNED_REPLICASETS.name());
        topology.addSource(BINDINGS_SOURCE, Topics.BINDINGS.keySerde().deserializer(),
                Topics.BINDINGS.valueSerde().deserializer(), Topics.BINDINGS.name());
        topology.addSource(POD_REPORTS_SOURCE, Topics.POD_STATUS.keySerde().deserializer(),
                Topics.POD_STATUS.valueSerde().deserializer(), Topics.POD_STATUS.name());
        topology.addSource(POD_DELETIONS_SOURCE, Topics.POD_DELETIONS.keySerde().deserializer(),
                Topics.POD_DELETIONS.valueSerde().deserializer(), Topics.POD_DELETIONS.name());
        topology.addSource(DECLARED_PODS_SOURCE, Topics.PODS.keySerde().deserializer(),
                Topics.PODS.valueSerde().deserializer(), Topics.PODS.name());
        topology.addProcessor(REPLICASET_PROCESSOR, () -> new ReplicaSetProcessor(ids),
                USER_REPLICASETS_SOURCE, OWNED_REPLICASETS_SOURCE);
        topology.addProcessor(BINDING_PROCESSOR, () -> new PodBindingProcessor(ids), BINDINGS_SOURCE);
        topology.addProcessor(REPORT_PROCESSOR, () -> new PodReportProcessor(ids), POD_REPORTS_SOURCE);
        topology.addProcessor(DELETION_PROCESSOR, () -> new PodDeletionProcessor(ids), POD_DELETIONS_SOURCE);
        topology.addProcessor(DECLARED_POD_PROCESSOR, () -> new DeclaredPodProcessor(ids), DECLARED_PODS_SOURCE);

        String[] processors = {REPLICASET_PROCESSOR, BINDING_PROCESSOR, REPORT_PROCESSOR, DELETION_PROCESSOR,
            DECLARED_POD_PROCESSOR};
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPLICASETS_STORE),
                Serdes.String(), Topics.REPLICASETS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PODS_STORE),
                Serdes.String(), Topics.OWNED_PODS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_PODS_STORE),
                Serdes.String(), Topics.PODS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OWNERSHIP_STORE),
                Serdes.String(), Topics.POD_OWNERS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORPHANS_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PODS_BY_REPLICASET_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BINDINGS_STORE),
                Serdes.String(), Topics.BINDINGS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORTS_STORE),
                Serdes.String(), Topics.POD_STATUS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PODS_BY_NODE_STORE),
                Serdes.String(), Serdes.String()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
                Serdes.String(), Topics.REPLICASET_STATUS.valueSerde()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AVAILABILITY_STORE),
                Serdes.String(), Serdes.Long()), processors);

        TopicSinks.add(topology, PODS_SINK, Topics.OWNED_PODS, processors);
        TopicSinks.add(topology, OWNERSHIP_SINK, Topics.POD_OWNERS, processors);
        TopicSinks.add(topology, STATUS_SINK, Topics.REPLICASET_STATUS, processors);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, processors);
    }
}

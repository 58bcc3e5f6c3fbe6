package io.korch.controllers.autoscaler;

import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The autoscaler controller's topology, Kubernetes' horizontal pod autoscaler: every sync period
 * it syncs each HorizontalPodAutoscaler ({@link AutoscalerReconciler}) from the target's scale
 * (read through the API, {@link ScaleClient}) and what its stores hold of the target's pods, their
 * reports and their latest usage samples, sets the target's scale through the API and records the
 * autoscaler's status.
 *
 * <pre>
 * korch.horizontalpodautoscalers, korch.owned.pods,
 * korch.status.pods, korch.metrics.pods ──▶ {@value #PROCESSOR} ──▶ korch.status.horizontalpodautoscalers, korch.events
 *                                              │ every sync period
 *                                              └──▶ GET, PATCH /apis/apps/v1/namespaces/NS/{deployments,replicasets}/NAME/scale
 * </pre>
 *
 * <p>All inputs are partitioned by namespace, so one task sees an autoscaler, its target and the
 * target's pods. It runs as an application of its own, since its inputs are also those of the
 * workload controllers and its calls to the API must never delay them.
 */
public final class AutoscalerController {

    public static final String HPA_SOURCE = "autoscaler-hpas-source";
    public static final String PODS_SOURCE = "autoscaler-pods-source";
    public static final String REPORTS_SOURCE = "autoscaler-pod-reports-source";
    public static final String METRICS_SOURCE = "autoscaler-pod-metrics-source";
    public static final String PROCESSOR = "autoscaler-controller";
    public static final String STATUS_SINK = "autoscaler-status-sink";
    public static final String EVENTS_SINK = "autoscaler-events-sink";

    /** The topics it reads, all partitioned by namespace. */
    public static final List<Topic<?, ?>> INPUTS = List.of(Topics.HORIZONTAL_POD_AUTOSCALERS, Topics.OWNED_PODS,
            Topics.POD_STATUS, Topics.POD_METRICS);

    /** Autoscaler key → the autoscaler as declared. */
    public static final String HPAS_STORE = "autoscaler-hpas";
    /** Pod key ({@code namespace/name}) → the pod the replicaset controller wrote. */
    public static final String PODS_STORE = "autoscaler-pods";
    /** {@code namespace/name/uid} → the agent's latest report on that pod. */
    public static final String REPORTS_STORE = "autoscaler-pod-reports";
    /** Pod key → its latest usage sample. */
    public static final String USAGE_STORE = "autoscaler-pod-usage";
    /** Autoscaler key → the status written last. */
    public static final String STATUS_STORE = "autoscaler-status";
    /** Autoscaler key → its recommendations and rescales ({@link io.korch.api.AutoscalerHistory}). */
    public static final String HISTORY_STORE = "autoscaler-history";

    private AutoscalerController() {
    }

    /** The autoscaler controller's topology, setting scales through {@code scales}. */
    public static Topology topology(AutoscalerConfig config, ScaleClient scales) {
        Topology topology = new Topology();
        addSource(topology, HPA_SOURCE, Topics.HORIZONTAL_POD_AUTOSCALERS);
        addSource(topology, PODS_SOURCE, Topics.OWNED_PODS);
        addSource(topology, REPORTS_SOURCE, Topics.POD_STATUS);
        addSource(topology, METRICS_SOURCE, Topics.POD_METRICS);
        topology.addProcessor(PROCESSOR, () -> new AutoscalerProcessor(config, scales),
                HPA_SOURCE, PODS_SOURCE, REPORTS_SOURCE, METRICS_SOURCE);
        addStore(topology, HPAS_STORE, Topics.HORIZONTAL_POD_AUTOSCALERS.valueSerde());
        addStore(topology, PODS_STORE, Topics.OWNED_PODS.valueSerde());
        addStore(topology, REPORTS_STORE, Topics.POD_STATUS.valueSerde());
        addStore(topology, USAGE_STORE, Topics.POD_METRICS.valueSerde());
        addStore(topology, STATUS_STORE, Topics.HPA_STATUS.valueSerde());
        addStore(topology, HISTORY_STORE, AutoscalerProcessor.HISTORY_SERDE);
        TopicSinks.add(topology, STATUS_SINK, Topics.HPA_STATUS, PROCESSOR);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, PROCESSOR);
        return topology;
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    private static <V> void addStore(Topology topology, String name, Serde<V> values) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values),
                PROCESSOR);
    }
}

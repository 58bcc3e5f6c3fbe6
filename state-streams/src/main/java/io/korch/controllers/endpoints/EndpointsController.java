package io.korch.controllers.endpoints;

import io.korch.controllers.Ids;
import io.korch.streams.TopicSinks;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The endpoints controller's part of the controllers topology: Kubernetes' endpointslice and
 * endpoints controllers in one.
 *
 * <pre>
 * korch.services                 ──▶ {@value #SERVICE_PROCESSOR} ─┐
 * korch.pods, korch.owned.pods   ──▶ {@value #POD_PROCESSOR}     ─┼▶ korch.endpointslices, korch.endpoints, korch.events
 * korch.status.pods              ──▶ {@value #REPORT_PROCESSOR}  ─┘
 * </pre>
 *
 * <p>All of it is partitioned by namespace, so one task sees a Service and every pod it could
 * select. The three processors share the stores below and reconcile through one
 * {@link EndpointsSync}: a Service is reconciled when it changes, and when a pod its selector
 * matches (before or after the change) changes in a way its endpoint shows — IP, readiness, node,
 * labels, ports, deletion — so a report that only refreshes costs one store write. The Services a
 * pod change touches are found by the short selector texts of its namespace's Services
 * ({@value #SELECTORS_STORE}), and a Service's pods by its member index ({@value #MEMBERS_STORE}):
 * one change reads the pods of the Services it touches, never the namespace's other pods.
 */
public final class EndpointsController {

    public static final String SERVICES_SOURCE = "endpoints-services-source";
    public static final String USER_PODS_SOURCE = "endpoints-user-pods-source";
    public static final String OWNED_PODS_SOURCE = "endpoints-owned-pods-source";
    public static final String REPORTS_SOURCE = "endpoints-pod-reports-source";
    public static final String SERVICE_PROCESSOR = "endpoints-service-processor";
    public static final String POD_PROCESSOR = "endpoints-pod-processor";
    public static final String REPORT_PROCESSOR = "endpoints-pod-report-processor";
    public static final String SLICES_SINK = "endpointslices-sink";
    public static final String ENDPOINTS_SINK = "endpoints-sink";
    public static final String EVENTS_SINK = "endpoints-events-sink";

    /** The topics it reads, all partitioned by namespace. */
    public static final List<Topic<?, ?>> INPUTS =
            List.of(Topics.SERVICES, Topics.PODS, Topics.OWNED_PODS, Topics.POD_STATUS);

    /** Service key → the Service. */
    public static final String SERVICES_STORE = "endpoints-services";
    /** {@code namespace|serviceName} → the Service's selector as {@link ServiceSelectors} text, for Services with one. */
    public static final String SELECTORS_STORE = "endpoints-service-selectors";
    /** {@code namespace/name/uid} → the declaration of that pod, deletion time set while it terminates. */
    public static final String PODS_STORE = "endpoints-pods";
    /** {@code namespace/name/uid} → the agent's latest report on that pod. */
    public static final String REPORTS_STORE = "endpoints-pod-reports";
    /** {@code serviceKey|namespace/name/uid} → pod store key: the pods a Service's selector matches. */
    public static final String MEMBERS_STORE = "endpoints-service-pods";
    /** {@code serviceKey|sliceName} → the EndpointSlice written last. */
    public static final String SLICES_STORE = "endpoints-slices";
    /** Service key → the Endpoints written last. */
    public static final String ENDPOINTS_STORE = "endpoints-endpoints";
    /** Service key → the pods and ports whose {@code targetPort} did not resolve at the last reconcile, one {@code pod|port} a line. */
    public static final String UNRESOLVED_STORE = "endpoints-unresolved-ports";

    private EndpointsController() {
    }

    /** Adds the endpoints controller; {@code ids} gives the uids of new slices and Endpoints. */
    public static void addTo(Topology topology, Ids ids) {
        addSource(topology, SERVICES_SOURCE, Topics.SERVICES);
        addSource(topology, USER_PODS_SOURCE, Topics.PODS);
        addSource(topology, OWNED_PODS_SOURCE, Topics.OWNED_PODS);
        addSource(topology, REPORTS_SOURCE, Topics.POD_STATUS);
        topology.addProcessor(SERVICE_PROCESSOR, () -> new EndpointServiceProcessor(ids), SERVICES_SOURCE);
        topology.addProcessor(POD_PROCESSOR, () -> new EndpointPodProcessor(ids), USER_PODS_SOURCE, OWNED_PODS_SOURCE);
        topology.addProcessor(REPORT_PROCESSOR, () -> new EndpointReportProcessor(ids), REPORTS_SOURCE);

        String[] processors = {SERVICE_PROCESSOR, POD_PROCESSOR, REPORT_PROCESSOR};
        addStore(topology, SERVICES_STORE, Topics.SERVICES.valueSerde(), processors);
        addStore(topology, SELECTORS_STORE, Serdes.String(), processors);
        addStore(topology, PODS_STORE, Topics.PODS.valueSerde(), processors);
        addStore(topology, REPORTS_STORE, Topics.POD_STATUS.valueSerde(), processors);
        addStore(topology, MEMBERS_STORE, Serdes.String(), processors);
        addStore(topology, SLICES_STORE, Topics.ENDPOINT_SLICES.valueSerde(), processors);
        addStore(topology, ENDPOINTS_STORE, Topics.ENDPOINTS.valueSerde(), processors);
        addStore(topology, UNRESOLVED_STORE, Serdes.String(), processors);

        TopicSinks.add(topology, SLICES_SINK, Topics.ENDPOINT_SLICES, processors);
        TopicSinks.add(topology, ENDPOINTS_SINK, Topics.ENDPOINTS, processors);
        TopicSinks.add(topology, EVENTS_SINK, Topics.EVENTS, processors);
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    private static <V> void addStore(Topology topology, String name, Serde<V> values, String... processors) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values),
                processors);
    }
}

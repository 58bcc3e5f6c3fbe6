package io.korch.topics;

import io.korch.api.BindOutcome;
import io.korch.api.BindRequest;
import io.korch.api.Allocation;
import io.korch.api.Change;
import io.korch.api.ChangeFeedEntry;
import io.korch.api.ConfigMap;
import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.EndpointSlice;
import io.korch.api.Endpoints;
import io.korch.api.Event;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.NodePodCidrs;
import io.korch.api.NodeUsage;
import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.api.PodBinding;
import io.korch.api.PodOwnership;
import io.korch.api.PodStatusReport;
import io.korch.api.PodUsage;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.api.Secret;
import io.korch.api.Service;
import io.korch.api.ServiceAccount;
import io.korch.api.WriteRequest;
import io.korch.api.WriteResponse;
import io.korch.serde.AvroSerde;
import io.korch.topics.Topic.CleanupPolicy;
import io.korch.topics.Topic.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of every korch topic: its name, serdes, cleanup policy and writer. No other class
 * spells a topic name.
 *
 * <p>Keys are object identities: {@code namespace/name} for namespaced objects (see {@link Keys}),
 * the bare name for namespaces and nodes. Values are Avro records in single-object encoding; a
 * null value is a tombstone, the deletion of that key.
 *
 * <p>Each topic declares its {@link Partitioning}: namespaced topics go by namespace and node-keyed
 * topics by node name, and every writer routes through {@link KorchPartitioner}, so the topics of
 * one kind of key are co-partitioned. They are all created with the same partition count
 * ({@link TopicAdmin#createTopics}); a component checks that before it starts
 * ({@link TopicAdmin#requireCoPartitioned}).
 */
public final class Topics {

    /** Every writer schema, keyed by its fingerprint, so any consumer can decode any record. */
    public static final Topic<String, String> SCHEMAS = new Topic<>(
            "korch.schemas", Serdes.String(), Serdes.String(), CleanupPolicy.COMPACT, Writer.ANY, Partitioning.BY_KEY);

    // --- desired state, asked for by the API gateways, applied by the change log ---------------

    public static final Topic<String, Namespace> NAMESPACES =
            compacted("korch.namespaces", Namespace.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    public static final Topic<String, Deployment> DEPLOYMENTS =
            compacted("korch.deployments", Deployment.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /** ReplicaSets declared by users (not those a Deployment owns). */
    public static final Topic<String, ReplicaSet> REPLICASETS =
            compacted("korch.replicasets", ReplicaSet.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /** Pods declared by users (not those a ReplicaSet owns). */
    public static final Topic<String, Pod> PODS =
            compacted("korch.pods", Pod.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    public static final Topic<String, ConfigMap> CONFIGMAPS =
            compacted("korch.configmaps", ConfigMap.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /** Secrets, {@code data} in base64 as the API shows it; {@code stringData} is merged into it before it is written. */
    public static final Topic<String, Secret> SECRETS =
            compacted("korch.secrets", Secret.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    public static final Topic<String, ServiceAccount> SERVICEACCOUNTS =
            compacted("korch.serviceaccounts", ServiceAccount.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /** Services, with the cluster IP and node ports the gateway allocated ({@link #ALLOCATIONS}). */
    public static final Topic<String, Service> SERVICES =
            compacted("korch.services", Service.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /** HorizontalPodAutoscalers (autoscaling/v2), whose status the autoscaler controller writes to {@link #HPA_STATUS}. */
    public static final Topic<String, HorizontalPodAutoscaler> HORIZONTAL_POD_AUTOSCALERS = compacted(
            "korch.horizontalpodautoscalers", HorizontalPodAutoscaler.class, Writer.CHANGE_LOG, Partitioning.BY_NAMESPACE);
    /**
     * Claims on values that must be unique in the cluster, keyed by the value
     * ({@code clusterIP/10.96.0.12}, {@code nodePort/TCP/30080}): a gateway asks for one with an
     * {@code ABSENT} precondition before it writes the object that holds it, so of two gateways
     * allocating at once only one wins; a tombstone releases the value.
     */
    public static final Topic<String, Allocation> ALLOCATIONS =
            compacted("korch.allocations", Allocation.class, Writer.CHANGE_LOG, Partitioning.BY_KEY);
    /**
     * Users' requests to delete a pod a controller owns, keyed by the pod's namespace/name; the
     * value is the pod as the user saw it (its uid identifies which pod of that name). The
     * replicaset controller deletes the pod and replaces it, as Kubernetes does.
     */
    public static final Topic<String, Pod> POD_DELETIONS =
            compacted("korch.pod-deletions", Pod.class, Writer.GATEWAY, Partitioning.BY_NAMESPACE);
    /**
     * What users declare about nodes: labels, annotations, {@code spec.unschedulable}, and
     * deletion (a record whose {@code metadata.deletionTimestamp} is set). Merged with the agents'
     * registrations by {@link io.korch.model.NodeViews}.
     */
    public static final Topic<String, Node> NODE_SPECS =
            compacted("korch.node-specs", Node.class, Writer.CHANGE_LOG, Partitioning.BY_NODE);

    // --- derived objects and status, written by the controllers (state-streams) ---------------

    /** ReplicaSets owned by Deployments. */
    public static final Topic<String, ReplicaSet> OWNED_REPLICASETS =
            compacted("korch.owned.replicasets", ReplicaSet.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /** Pods owned by ReplicaSets. */
    public static final Topic<String, Pod> OWNED_PODS =
            compacted("korch.owned.pods", Pod.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /**
     * The replicaset controller's claims on pods, keyed by the pod's namespace/name: for the pod of
     * that uid, the ownerReferences that replace those it was written with. A ReplicaSet adopts an
     * orphan declared by a user ({@link #PODS}) or releases a pod it controls by writing one; see
     * {@link io.korch.model.Owners#ownerReferences}.
     */
    public static final Topic<String, PodOwnership> POD_OWNERS =
            compacted("korch.pod-owners", PodOwnership.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    public static final Topic<String, DeploymentStatus> DEPLOYMENT_STATUS =
            compacted("korch.status.deployments", DeploymentStatus.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /** Status of every ReplicaSet, declared or owned. */
    public static final Topic<String, ReplicaSetStatus> REPLICASET_STATUS =
            compacted("korch.status.replicasets", ReplicaSetStatus.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /** The autoscaler controller's status of every HorizontalPodAutoscaler: metrics seen, replicas wanted, conditions. */
    public static final Topic<String, HorizontalPodAutoscalerStatus> HPA_STATUS = compacted(
            "korch.status.horizontalpodautoscalers", HorizontalPodAutoscalerStatus.class, Writer.CONTROLLERS,
            Partitioning.BY_NAMESPACE);
    /** The endpoints controller's EndpointSlices of every Service with a selector, keyed namespace/slice name. */
    public static final Topic<String, EndpointSlice> ENDPOINT_SLICES =
            compacted("korch.endpointslices", EndpointSlice.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /** The same endpoints in the v1 Endpoints shape, keyed like their Service. */
    public static final Topic<String, Endpoints> ENDPOINTS =
            compacted("korch.endpoints", Endpoints.class, Writer.CONTROLLERS, Partitioning.BY_NAMESPACE);
    /** The node IPAM controller's share of the cluster CIDR for each node ({@code spec.podCIDRs}). */
    public static final Topic<String, NodePodCidrs> NODE_POD_CIDRS =
            compacted("korch.node-pod-cidrs", NodePodCidrs.class, Writer.CONTROLLERS, Partitioning.BY_NODE);
    /** The node-lifecycle controller's Ready/NotReady verdict per node. */
    public static final Topic<String, NodeHealth> NODE_HEALTH =
            compacted("korch.node-health", NodeHealth.class, Writer.CONTROLLERS, Partitioning.BY_NODE);

    // --- placement, written by the scheduler ---------------------------------------------------

    /**
     * Per pod (namespace/name): the node it is bound to, or why it is unschedulable. Written by the
     * placer that owns the pod's namespace.
     */
    public static final Topic<String, PodBinding> BINDINGS =
            compacted("korch.bindings", PodBinding.class, Writer.SCHEDULER, Partitioning.BY_NAMESPACE);
    /**
     * Placers' requests to the binder of a node, keyed {@code node/namespace/name}
     * ({@link Keys#onNode}): take this pod (or, as a tombstone, release it). A request log,
     * time-retained: the binder keeps what it accepted in its own store.
     */
    public static final Topic<String, BindRequest> BIND_REQUESTS = new Topic<>("korch.bind-requests",
            Serdes.String(), AvroSerde.of(BindRequest.class), CleanupPolicy.DELETE, Writer.SCHEDULER,
            Partitioning.BY_NODE);
    /**
     * Binders' answers to the placers, keyed {@code namespace/name/node} ({@link Keys#outcome}):
     * accepted, or refused with the reason. A reply log, time-retained.
     */
    public static final Topic<String, BindOutcome> BIND_OUTCOMES = new Topic<>("korch.bind-outcomes",
            Serdes.String(), AvroSerde.of(BindOutcome.class), CleanupPolicy.DELETE, Writer.SCHEDULER,
            Partitioning.BY_NAMESPACE);
    /**
     * One record per bound pod, keyed {@code node/namespace/name}: the agent's desired set is every
     * key of its node, on the one partition its node name routes to. Written by the node's binder.
     */
    public static final Topic<String, PodAssignment> POD_ASSIGNMENTS =
            compacted("korch.pod-assignments", PodAssignment.class, Writer.SCHEDULER, Partitioning.BY_NODE);

    // --- observations, written by the node agents ----------------------------------------------

    /** Per node: its registration and latest heartbeat. */
    public static final Topic<String, Node> NODES =
            compacted("korch.nodes", Node.class, Writer.AGENTS, Partitioning.BY_NODE);
    /**
     * Per pod: phase and container states as the agent running it sees them, keyed
     * {@code namespace/name/uid} ({@link Keys#podStatus}), partitioned by namespace. A pod's uid is
     * bound to one node, so only one agent ever writes a key, even when a pod of the same name runs
     * on another node later.
     */
    public static final Topic<String, PodStatusReport> POD_STATUS =
            compacted("korch.status.pods", PodStatusReport.class, Writer.AGENTS, Partitioning.BY_NAMESPACE);

    /**
     * How long the resource-use samples are kept: an hour of history, far beyond the few intervals they are
     * served for (declared before the topics that use it, so that it is set when they are).
     */
    public static final Duration METRICS_RETENTION = Duration.ofHours(1);

    /**
     * Resource use of every running pod, one sample per pod every metrics interval, keyed
     * namespace/name: what {@code metrics.k8s.io} PodMetrics, {@code korch top pods} and the
     * autoscaler read. Time-retained for {@link #METRICS_RETENTION}: the latest sample of a pod is its current use.
     */
    public static final Topic<String, PodUsage> POD_METRICS = new Topic<>("korch.metrics.pods",
            Serdes.String(), AvroSerde.of(PodUsage.class), CleanupPolicy.DELETE, Writer.AGENTS,
            Partitioning.BY_NAMESPACE).retainedFor(METRICS_RETENTION);
    /** Resource use of every node, one sample every metrics interval, keyed by node name. Time-retained as pods'. */
    public static final Topic<String, NodeUsage> NODE_METRICS = new Topic<>("korch.metrics.nodes",
            Serdes.String(), AvroSerde.of(NodeUsage.class), CleanupPolicy.DELETE, Writer.AGENTS,
            Partitioning.BY_NODE).retainedFor(METRICS_RETENTION);

    // --- history --------------------------------------------------------------------------------

    /** How long the occurrences of events are kept, and so the events the API serves after their last one. */
    public static final Duration EVENTS_RETENTION = Duration.ofDays(7);

    /**
     * Append-only log of occurrences (Scheduled, Started, Killing, NodeNotReady...), keyed by the
     * involved object, {@code namespace/name}; one about a cluster-wide object is keyed by the
     * namespace it is listed in ({@link io.korch.model.Events#key}). The change log folds the repeats of one happening into one event, served
     * and recorded under the event's own key, {@code namespace/name} of its first occurrence.
     */
    public static final Topic<String, Event> EVENTS = new Topic<>(
            "korch.events", Serdes.String(), AvroSerde.of(Event.class), CleanupPolicy.DELETE, Writer.ANY,
            Partitioning.BY_NAMESPACE).retainedFor(EVENTS_RETENTION);

    // --- the change log: one order of every change the API serves ------------------------------

    /**
     * Every change of every object the API serves, in one order, time-retained (7 days unless
     * configured): the source of resourceVersions, watch, history and time travel. One partition;
     * each record's timestamp is its revision's millisecond, so a revision is found by time.
     */
    public static final Topic<String, Change> CHANGES = new Topic<>("korch.changes", Serdes.String(),
            AvroSerde.of(Change.class), CleanupPolicy.DELETE, Writer.CHANGE_LOG, Partitioning.SINGLE);
    /**
     * The latest change of every record the change log recorded, keyed {@code topic:key}
     * ({@link Keys#changed}); a deletion is a tombstone whose {@link #REVISION_HEADER} says its
     * revision. Where a reader of the change log starts: then it follows {@link #CHANGES}.
     */
    public static final Topic<String, Change> OBJECTS = new Topic<>("korch.objects", Serdes.String(),
            AvroSerde.of(Change.class), CleanupPolicy.COMPACT, Writer.CHANGE_LOG, Partitioning.SINGLE);
    /** The gateways' requests to write desired state, applied in order by the change log when their preconditions hold. */
    public static final Topic<String, WriteRequest> WRITE_REQUESTS = new Topic<>("korch.write-requests",
            Serdes.String(), AvroSerde.of(WriteRequest.class), CleanupPolicy.DELETE, Writer.GATEWAY,
            Partitioning.SINGLE);
    /** The change log's answers, keyed by the gateway that asked. */
    public static final Topic<String, WriteResponse> WRITE_RESPONSES = new Topic<>("korch.write-responses",
            Serdes.String(), AvroSerde.of(WriteResponse.class), CleanupPolicy.DELETE, Writer.CHANGE_LOG,
            Partitioning.SINGLE);
    /**
     * The records of the served topics that the gateway does not ask for (controllers', scheduler's
     * and agents'), gathered on one partition so the change log orders them with the requests.
     */
    public static final Topic<String, ChangeFeedEntry> CHANGE_FEED = new Topic<>("korch.change-feed",
            Serdes.String(), AvroSerde.of(ChangeFeedEntry.class), CleanupPolicy.DELETE, Writer.CHANGE_LOG,
            Partitioning.SINGLE);

    /** The header of a {@link #OBJECTS} tombstone: the revision of the deletion, 8 bytes big-endian. */
    public static final String REVISION_HEADER = "korch.revision";

    /** The topic named {@code name}, if korch declares one. */
    public static Optional<Topic<?, ?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every topic, in creation order. */
    public static final List<Topic<?, ?>> ALL = List.of(
            SCHEMAS, NAMESPACES, DEPLOYMENTS, REPLICASETS, PODS, CONFIGMAPS, SECRETS, SERVICEACCOUNTS, SERVICES, ALLOCATIONS,
            HORIZONTAL_POD_AUTOSCALERS, POD_DELETIONS, NODE_SPECS,
            OWNED_REPLICASETS, OWNED_PODS, POD_OWNERS, DEPLOYMENT_STATUS, REPLICASET_STATUS, HPA_STATUS, ENDPOINT_SLICES,
            ENDPOINTS, NODE_POD_CIDRS, NODE_HEALTH,
            BINDINGS, BIND_REQUESTS, BIND_OUTCOMES, POD_ASSIGNMENTS, NODES, POD_STATUS, POD_METRICS, NODE_METRICS, EVENTS,
            CHANGES, OBJECTS, WRITE_REQUESTS, WRITE_RESPONSES, CHANGE_FEED);

    private static final Map<String, Topic<?, ?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, topic -> topic));

    private Topics() {
    }

    private static <V extends SpecificRecord> Topic<String, V> compacted(String name, Class<V> type, Writer writer,
                                                                         Partitioning partitioning) {
        Serde<V> serde = AvroSerde.of(type);
        return new Topic<>(name, Serdes.String(), serde, CleanupPolicy.COMPACT, writer, partitioning);
    }
}

package io.korch.topics;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.NodeAssignment;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodOwnership;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.serde.AvroSerde;
import io.korch.topics.Topic.CleanupPolicy;
import io.korch.topics.Topic.Writer;
import java.util.List;
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
 */
public final class Topics {

    /** Every writer schema, keyed by its fingerprint, so any consumer can decode any record. */
    public static final Topic<String, String> SCHEMAS = new Topic<>(
            "korch.schemas", Serdes.String(), Serdes.String(), CleanupPolicy.COMPACT, Writer.ANY);

    // --- desired state, written by the API gateway only ---------------------------------------

    public static final Topic<String, Namespace> NAMESPACES =
            compacted("korch.namespaces", Namespace.class, Writer.GATEWAY);
    public static final Topic<String, Deployment> DEPLOYMENTS =
            compacted("korch.deployments", Deployment.class, Writer.GATEWAY);
    /** ReplicaSets declared by users (not those a Deployment owns). */
    public static final Topic<String, ReplicaSet> REPLICASETS =
            compacted("korch.replicasets", ReplicaSet.class, Writer.GATEWAY);
    /** Pods declared by users (not those a ReplicaSet owns). */
    public static final Topic<String, Pod> PODS = compacted("korch.pods", Pod.class, Writer.GATEWAY);
    /**
     * Users' requests to delete a pod a controller owns, keyed by the pod's namespace/name; the
     * value is the pod as the user saw it (its uid identifies which pod of that name). The
     * replicaset controller deletes the pod and replaces it, as Kubernetes does.
     */
    public static final Topic<String, Pod> POD_DELETIONS =
            compacted("korch.pod-deletions", Pod.class, Writer.GATEWAY);
    /**
     * What users declare about nodes: labels, annotations, {@code spec.unschedulable}, and
     * deletion (a record whose {@code metadata.deletionTimestamp} is set). Merged with the agents'
     * registrations by {@link io.korch.model.NodeViews}.
     */
    public static final Topic<String, Node> NODE_SPECS = compacted("korch.node-specs", Node.class, Writer.GATEWAY);

    // --- derived objects and status, written by the controllers (state-streams) ---------------

    /** ReplicaSets owned by Deployments. */
    public static final Topic<String, ReplicaSet> OWNED_REPLICASETS =
            compacted("korch.owned.replicasets", ReplicaSet.class, Writer.CONTROLLERS);
    /** Pods owned by ReplicaSets. */
    public static final Topic<String, Pod> OWNED_PODS =
            compacted("korch.owned.pods", Pod.class, Writer.CONTROLLERS);
    /**
     * The replicaset controller's claims on pods, keyed by the pod's namespace/name: for the pod of
     * that uid, the ownerReferences that replace those it was written with. A ReplicaSet adopts an
     * orphan declared by a user ({@link #PODS}) or releases a pod it controls by writing one; see
     * {@link io.korch.model.Owners#ownerReferences}.
     */
    public static final Topic<String, PodOwnership> POD_OWNERS =
            compacted("korch.pod-owners", PodOwnership.class, Writer.CONTROLLERS);
    public static final Topic<String, DeploymentStatus> DEPLOYMENT_STATUS =
            compacted("korch.status.deployments", DeploymentStatus.class, Writer.CONTROLLERS);
    /** Status of every ReplicaSet, declared or owned. */
    public static final Topic<String, ReplicaSetStatus> REPLICASET_STATUS =
            compacted("korch.status.replicasets", ReplicaSetStatus.class, Writer.CONTROLLERS);
    /** The node-lifecycle controller's Ready/NotReady verdict per node. */
    public static final Topic<String, NodeHealth> NODE_HEALTH =
            compacted("korch.node-health", NodeHealth.class, Writer.CONTROLLERS);

    // --- placement, written by the scheduler ---------------------------------------------------

    /** Per pod (namespace/name): the node it is bound to, or why it is unschedulable. */
    public static final Topic<String, PodBinding> BINDINGS =
            compacted("korch.bindings", PodBinding.class, Writer.SCHEDULER);
    /** Per node: every pod bound to it. The agent's desired set. */
    public static final Topic<String, NodeAssignment> ASSIGNMENTS =
            compacted("korch.assignments", NodeAssignment.class, Writer.SCHEDULER);

    // --- observations, written by the node agents ----------------------------------------------

    /** Per node: its registration and latest heartbeat. */
    public static final Topic<String, Node> NODES = compacted("korch.nodes", Node.class, Writer.AGENTS);
    /** Per pod (namespace/name): phase and container states as the agent running it sees them. */
    public static final Topic<String, PodStatusReport> POD_STATUS =
            compacted("korch.status.pods", PodStatusReport.class, Writer.AGENTS);

    // --- history --------------------------------------------------------------------------------

    /** Append-only event log (Scheduled, Started, Killing, NodeNotReady...), keyed by the involved object. */
    public static final Topic<String, Event> EVENTS = new Topic<>(
            "korch.events", Serdes.String(), AvroSerde.of(Event.class), CleanupPolicy.DELETE, Writer.ANY);

    /** Every topic, in creation order. */
    public static final List<Topic<?, ?>> ALL = List.of(
            SCHEMAS, NAMESPACES, DEPLOYMENTS, REPLICASETS, PODS, POD_DELETIONS, NODE_SPECS,
            OWNED_REPLICASETS, OWNED_PODS, POD_OWNERS, DEPLOYMENT_STATUS, REPLICASET_STATUS, NODE_HEALTH,
            BINDINGS, ASSIGNMENTS, NODES, POD_STATUS, EVENTS);

    private Topics() {
    }

    private static <V extends SpecificRecord> Topic<String, V> compacted(String name, Class<V> type, Writer writer) {
        Serde<V> serde = AvroSerde.of(type);
        return new Topic<>(name, Serdes.String(), serde, CleanupPolicy.COMPACT, writer);
    }
}

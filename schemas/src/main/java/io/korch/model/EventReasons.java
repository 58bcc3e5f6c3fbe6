package io.korch.model;

/**
 * Every reason a korch component gives its events, spelt as Kubernetes spells the same happening,
 * so that what users know of {@code kubectl events} holds here. Each constant says who records it,
 * when, and its type ({@link Events#NORMAL} or {@link Events#WARNING}). The table in
 * {@code docs/events.md} lists them for users.
 */
public final class EventReasons {

    // scheduler

    /** Normal, by the scheduler: a pod was bound to a node. */
    public static final String SCHEDULED = "Scheduled";
    /** Warning, by the scheduler: a pod fits no node; the message says why each node refused it. */
    public static final String FAILED_SCHEDULING = "FailedScheduling";

    // agent, on the node of the pod

    /** Normal, by the agent: a container of a pod was created. */
    public static final String CREATED = "Created";
    /** Normal, by the agent: a container of a pod was started, the first time or after it exited. */
    public static final String STARTED = "Started";
    /** Normal, by the agent: a container is being stopped (its pod was deleted, evicted or replaced). */
    public static final String KILLING = "Killing";
    /** Warning, by the agent: an exited container waits out its back-off before it is restarted. */
    public static final String BACK_OFF = "BackOff";
    /** Warning, by the agent: the container runtime refused to create or start a container. */
    public static final String FAILED = "Failed";
    /** Warning, by the agent: a container's image is not on the node, and korch never pulls images. */
    public static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";

    // replicaset controller

    /** Normal, by the replicaset controller: it created a pod of a ReplicaSet. */
    public static final String SUCCESSFUL_CREATE = "SuccessfulCreate";
    /** Normal, by the replicaset controller: it deleted a surplus, failed or lost pod of a ReplicaSet. */
    public static final String SUCCESSFUL_DELETE = "SuccessfulDelete";

    // deployment controller

    /** Normal, by the deployment controller: it scaled a ReplicaSet of a Deployment up or down. */
    public static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

    // node controller

    /** Normal, by the node controller: a node is seen for the first time, or is Ready again. */
    public static final String NODE_READY = "NodeReady";
    /** Normal (as in Kubernetes), by the node controller: a node became NotReady; the message gives the evidence. */
    public static final String NODE_NOT_READY = "NodeNotReady";
    /** Normal, by the node controller: the pods of a NotReady node are to be replaced elsewhere. */
    public static final String DELETING_ALL_PODS = "DeletingAllPods";
    /** Normal, by the node controller, about the cluster: too few nodes are NotReady to call it a disruption. */
    public static final String NORMAL_MODE = "Normal";
    /** Warning, by the node controller, about the cluster: many nodes are NotReady; evictions slow down or stop. */
    public static final String PARTIAL_DISRUPTION = "PartialDisruption";
    /** Warning, by the node controller, about the cluster: every node is NotReady; no pods are evicted. */
    public static final String FULL_DISRUPTION = "FullDisruption";

    // endpoints controller

    /**
     * Warning, by the endpoints controller, about a Service: a selected pod has no container port of
     * the name a {@code targetPort} gives, so it is left out of that port's endpoints.
     */
    public static final String FAILED_TO_RESOLVE_TARGET_PORT = "FailedToResolveTargetPort";

    // node IPAM controller

    /** Normal (as in Kubernetes), by the node IPAM controller: no share of the cluster CIDR is free for a node. */
    public static final String CIDR_NOT_AVAILABLE = "CIDRNotAvailable";

    // autoscaler controller

    /** Normal, by the autoscaler controller, about a HorizontalPodAutoscaler: it set its target's replicas. */
    public static final String SUCCESSFUL_RESCALE = "SuccessfulRescale";
    /** Warning, by the autoscaler controller: the target's scale could not be set through the API. */
    public static final String FAILED_RESCALE = "FailedRescale";
    /** Warning, by the autoscaler controller: the target (or its kind) cannot be found. */
    public static final String FAILED_GET_SCALE = "FailedGetScale";
    /** Warning, by the autoscaler controller: a resource metric of the target's pods could not be computed. */
    public static final String FAILED_GET_RESOURCE_METRIC = "FailedGetResourceMetric";
    /** Warning, by the autoscaler controller: no metric gave a replica count. */
    public static final String FAILED_COMPUTE_METRICS_REPLICAS = "FailedComputeMetricsReplicas";

    private EventReasons() {
    }
}

package io.korch.gateway.resource;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.Namespace;
import io.korch.api.NamespaceStatus;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeHealth;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodCondition;
import io.korch.api.PodSpec;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.model.DeploymentDefaults;
import io.korch.model.TemplateHash;
import io.korch.topics.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the objects the API serves from the declared object and what the other components
 * reported about it: the join the architecture describes. Pure functions; inputs are never
 * mutated.
 */
public final class StatusMerge {

    public static final String PHASE_PENDING = "Pending";
    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String NODE_READY = "Ready";
    public static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
    public static final String NODE_STATUS_NEVER_UPDATED = "NodeStatusNeverUpdated";

    private static final String FALSE = "False";

    private StatusMerge() {
    }

    /**
     * A pod with its placement and observed status: the binding gives {@code spec.nodeName} and
     * the {@code PodScheduled} condition, the agent's report gives the rest of the status. Both
     * count only when they are about this pod's uid; a pod nobody reported on is {@code Pending}.
     */
    public static Pod pod(Pod pod, PodBinding binding, PodStatusReport report) {
        String uid = pod.getMetadata().getUid();
        PodBinding ownBinding = binding != null && Objects.equals(binding.getPodUid(), uid) ? binding : null;
        PodStatusReport ownReport = report != null && Objects.equals(report.getPodUid(), uid) ? report : null;
        PodStatus status = ownReport != null ? ownReport.getStatus() : PodStatus.newBuilder().build();
        List<PodCondition> conditions = new ArrayList<>(status.getConditions());
        if (ownBinding != null && conditions.stream().noneMatch(c -> POD_SCHEDULED.equals(c.getType()))) {
            conditions.add(0, scheduledCondition(ownBinding));
        }
        PodStatus merged = ObjectRecords.with(status, "conditions", conditions);
        if (merged.getPhase() == null) {
            merged = ObjectRecords.with(merged, "phase", PHASE_PENDING);
        }
        String nodeName = ownBinding != null && ownBinding.getNodeName() != null ? ownBinding.getNodeName()
                : ownReport != null ? ownReport.getNodeName() : null;
        Pod served = ObjectRecords.with(pod, "status", merged);
        if (nodeName != null && pod.getSpec().getNodeName() == null) {
            PodSpec spec = ObjectRecords.with(pod.getSpec(), "nodeName", nodeName);
            served = ObjectRecords.with(served, "spec", spec);
        }
        return served;
    }

    private static PodCondition scheduledCondition(PodBinding binding) {
        PodCondition.Builder condition = PodCondition.newBuilder()
                .setType(POD_SCHEDULED)
                .setLastTransitionTime(binding.getTimestamp());
        if (binding.getNodeName() != null) {
            return condition.setStatus("True").build();
        }
        return condition.setStatus("False")
                .setReason(binding.getReason() == null ? UNSCHEDULABLE : binding.getReason())
                .setMessage(binding.getMessage())
                .build();
    }

    /** A ReplicaSet with the status its controller reported, or an all-zero status before the first report. */
    public static ReplicaSet replicaSet(ReplicaSet replicaSet, ReplicaSetStatus status) {
        return ObjectRecords.with(replicaSet, "status", status != null ? status : ReplicaSetStatus.newBuilder().build());
    }

    /** A Deployment with the status its controller reported, or an all-zero status before the first report. */
    public static Deployment deployment(Deployment deployment, DeploymentStatus status) {
        return ObjectRecords.with(deployment, "status", status != null ? status : DeploymentStatus.newBuilder().build());
    }

    /**
     * {@link #deployment(Deployment, DeploymentStatus)}, annotated, as Kubernetes' controller annotates
     * it, with the revision of {@code current}, the ReplicaSet of its current template (null while
     * there is none: the annotation is then served as stored).
     */
    public static Deployment deployment(Deployment deployment, DeploymentStatus status, ReplicaSet current) {
        Deployment served = deployment(deployment, status);
        String revision = current == null ? null
                : current.getMetadata().getAnnotations().get(DeploymentDefaults.REVISION_ANNOTATION);
        if (revision == null || revision.equals(deployment.getMetadata().getAnnotations().get(DeploymentDefaults.REVISION_ANNOTATION))) {
            return served;
        }
        Map<String, String> annotations = new HashMap<>(deployment.getMetadata().getAnnotations());
        annotations.put(DeploymentDefaults.REVISION_ANNOTATION, revision);
        return Deployment.newBuilder(served)
                .setMetadata(ObjectMeta.newBuilder(served.getMetadata()).setAnnotations(annotations).build())
                .build();
    }

    /** The key of the ReplicaSet of {@code deployment}'s current template: {@code namespace/<name>-<pod-template-hash>}. */
    public static String currentReplicaSetKey(Deployment deployment) {
        return Keys.of(deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName() + "-" + TemplateHash.of(deployment.getSpec().getTemplate()));
    }

    /** A HorizontalPodAutoscaler with the status its controller reported, or an empty status before the first report. */
    public static HorizontalPodAutoscaler horizontalPodAutoscaler(HorizontalPodAutoscaler hpa,
                                                                 HorizontalPodAutoscalerStatus status) {
        return ObjectRecords.with(hpa, "status",
                status != null ? status : HorizontalPodAutoscalerStatus.newBuilder().build());
    }

    /** A namespace as served: {@code Terminating} once it is being deleted, {@code Active} until then. */
    public static Namespace namespace(Namespace namespace) {
        String phase = namespace.getMetadata().getDeletionTimestamp() != null ? "Terminating" : "Active";
        return ObjectRecords.with(namespace, "status", NamespaceStatus.newBuilder().setPhase(phase).build());
    }

    /**
     * A node whose {@code Ready} condition says {@code False} when either the node-lifecycle
     * controller's verdict or the agent's own condition says so, with the reason and message of the
     * one that does: a node whose heartbeats stopped cannot say so itself, and a node that still
     * heartbeats may report it cannot run pods ({@code ContainerRuntimeDown}). When both say
     * {@code False} the verdict explains, since the agent's last word is stale once its heartbeats
     * stopped. Without a verdict the node is served as its agent reported it. A node without any
     * status — declared by a user, no agent of that name registered — is {@code Ready} {@code Unknown}
     * ({@code NodeStatusNeverUpdated}), as Kubernetes serves a Node whose kubelet never posted.
     */
    public static Node node(Node node, NodeHealth health) {
        if (node.getStatus() == null) {
            return ObjectRecords.with(node, "status", NodeStatus.newBuilder()
                    .setConditions(List.of(NodeCondition.newBuilder()
                            .setType(NODE_READY)
                            .setStatus("Unknown")
                            .setReason(NODE_STATUS_NEVER_UPDATED)
                            .setMessage("the node's agent never posted node status")
                            .build()))
                    .build());
        }
        if (health == null) {
            return node;
        }
        NodeStatus status = node.getStatus() != null ? node.getStatus() : NodeStatus.newBuilder().build();
        List<NodeCondition> conditions = new ArrayList<>();
        NodeCondition reported = null;
        for (NodeCondition condition : status.getConditions()) {
            if (NODE_READY.equals(condition.getType())) {
                reported = condition;
            } else {
                conditions.add(condition);
            }
        }
        conditions.add(0, readyCondition(reported, health));
        return ObjectRecords.with(node, "status", ObjectRecords.with(status, "conditions", conditions));
    }

    private static NodeCondition readyCondition(NodeCondition reported, NodeHealth health) {
        NodeCondition.Builder ready = NodeCondition.newBuilder()
                .setType(NODE_READY)
                .setLastHeartbeatTime(reported != null && reported.getLastHeartbeatTime() != null
                        ? reported.getLastHeartbeatTime() : health.getLastHeartbeatTime());
        if (!health.getReady()) {
            return ready.setStatus(FALSE)
                    .setReason(health.getReason() == null || health.getReason().isEmpty()
                            ? NODE_STATUS_UNKNOWN : health.getReason())
                    .setMessage(health.getMessage())
                    .setLastTransitionTime(health.getLastTransitionTime())
                    .build();
        }
        if (reported != null && FALSE.equals(reported.getStatus())) {
            return ready.setStatus(FALSE)
                    .setReason(reported.getReason())
                    .setMessage(reported.getMessage())
                    .setLastTransitionTime(reported.getLastTransitionTime() != null
                            ? reported.getLastTransitionTime() : health.getLastTransitionTime())
                    .build();
        }
        return ready.setStatus("True")
                .setReason(reported != null && reported.getReason() != null ? reported.getReason() : health.getReason())
                .setMessage(reported != null && reported.getMessage() != null ? reported.getMessage()
                        : health.getMessage())
                .setLastTransitionTime(health.getLastTransitionTime())
                .build();
    }
}

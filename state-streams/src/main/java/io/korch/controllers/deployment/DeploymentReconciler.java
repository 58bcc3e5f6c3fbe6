package io.korch.controllers.deployment;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.ObjectMeta;
import io.korch.api.ReplicaSet;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.controllers.StatusUpdate;
import io.korch.model.DeploymentDefaults;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.model.Owners;
import io.korch.model.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deployment controller's reconcile step: from a Deployment (desired) and the ReplicaSets it
 * owns (observed), decides which ReplicaSets to write or delete and what the Deployment status is.
 *
 * <p>A Deployment owns one ReplicaSet per pod template it has had, named
 * {@code <deployment>-<pod-template-hash>} ({@link TemplateHash}); the one of its current template is
 * the current ReplicaSet. Each carries the template labels plus {@code pod-template-hash}, the
 * Deployment's selector narrowed by {@code pod-template-hash}, a controller reference to the
 * Deployment, the Deployment's annotations, its revision ({@value #REVISION_ANNOTATION}: 1 for the
 * first template, then counting up; a template that comes back, as on a rollback, takes the next
 * revision and records its earlier ones in {@value #REVISION_HISTORY_ANNOTATION}) and the desired and
 * maximal pod counts it was last sized for ({@value #DESIRED_REPLICAS_ANNOTATION},
 * {@value #MAX_REPLICAS_ANNOTATION}). How many pods each has is one {@link RolloutPlanner} step per
 * reconcile: a scaling step when the desired count changed or the Deployment is paused, otherwise a
 * RollingUpdate or Recreate step. Old ReplicaSets scaled to zero are kept for rollback, at most
 * {@code revisionHistoryLimit} of them, the oldest going first once the rollout is complete.
 *
 * <p>A Deployment being deleted with {@code propagationPolicy: Orphan} ({@link Owners#orphaning})
 * releases its ReplicaSets, which are written without ownerReferences and keep their pods; a new
 * Deployment whose current template names one of them adopts it. One being deleted with
 * {@code propagationPolicy: Foreground} ({@link Owners#foregroundDeleting}) stays while its
 * ReplicaSets go, and each of them while its pods go: each is written marked the same way, so that
 * the replicaset controller deletes its pods, and with them its status, and is deleted once it has
 * no status left. A deleted Deployment deletes them at once.
 *
 * <p>The status sums the status of the ReplicaSets: {@code updatedReplicas} counts the current
 * one's pods, {@code unavailableReplicas} the pods wanted but not available; its conditions are
 * {@code Available} and {@code Progressing} ({@link RolloutConditions}).
 *
 * <p>The step is a pure function and idempotent: applied to the state its own actions produced, it
 * returns no writes, no deletions and {@link StatusUpdate#keep()}.
 */
public final class DeploymentReconciler {

    /** Annotation with the rollout revision of a ReplicaSet: 1 for the first template, then counting up. */
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    /** Annotation with the earlier revisions of a ReplicaSet whose template came back, comma-separated. */
    public static final String REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
    /** Annotation with the Deployment's replicas a ReplicaSet was last sized for. */
    public static final String DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
    /** Annotation with those replicas plus the surge then: what proportional scaling divides by. */
    public static final String MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
    /** The condition type of a Deployment with enough available pods. */
    public static final String AVAILABLE = RolloutConditions.AVAILABLE;
    /** Reason of {@link #AVAILABLE} True. */
    public static final String MINIMUM_REPLICAS_AVAILABLE = RolloutConditions.MINIMUM_REPLICAS_AVAILABLE;
    /** Reason of {@link #AVAILABLE} False. */
    public static final String MINIMUM_REPLICAS_UNAVAILABLE = RolloutConditions.MINIMUM_REPLICAS_UNAVAILABLE;
    /** The component named in the events this controller records. */
    public static final String COMPONENT = "deployment-controller";
    /** Deployment annotations a ReplicaSet does not take over: the client's and the controller's own. */
    static final Set<String> ANNOTATIONS_NOT_COPIED = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration", REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
            DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION);

    private static final Pattern REVISION = Pattern.compile("[0-9]{1,18}");

    private DeploymentReconciler() {
    }

    /**
     * Reconciles one Deployment.
     *
     * @param desired  the Deployment, or null when it was deleted: then every owned ReplicaSet and the status go
     * @param observed its owned ReplicaSets, their status, and the Deployment status as last written
     * @param now      the current time, for new objects, conditions and events
     * @param ids      the source of new uids
     */
    public static DeploymentActions reconcile(Deployment desired, DeploymentObserved observed, Instant now, Ids ids) {
        if (desired == null || desired.getMetadata().getDeletionTimestamp() != null) {
            StatusUpdate<DeploymentStatus> status =
                    observed.status() == null ? StatusUpdate.keep() : StatusUpdate.delete();
            if (desired != null && Owners.orphaning(desired.getMetadata())) {
                return new DeploymentActions(List.of(), List.of(), observed.replicaSets(), status, List.of());
            }
            if (desired != null && Owners.foregroundDeleting(desired.getMetadata())) {
                return foreground(desired, observed, status);
            }
            return new DeploymentActions(observed.replicaSets(), List.of(), status, List.of());
        }
        Deployment deployment = DeploymentDefaults.defaulted(desired);
        String currentName = currentName(deployment);
        String deploymentUid = deployment.getMetadata().getUid();
        ReplicaSet current = adoptable(deployment, observed.orphan()) ? observed.orphan() : null;
        List<ReplicaSet> old = new ArrayList<>();
        List<ReplicaSet> foreign = new ArrayList<>(); // written for an earlier Deployment of this name
        for (ReplicaSet replicaSet : observed.replicaSets()) {
            if (!Ownership.isControlledBy(replicaSet.getMetadata(), deploymentUid)) {
                foreign.add(replicaSet);
            } else if (replicaSet.getMetadata().getName().equals(currentName)) {
                current = replicaSet;
            } else {
                old.add(replicaSet);
            }
        }
        return new DeploymentRollout(deployment, current, old, observed, now, ids).actions(foreign);
    }

    /** The name of the ReplicaSet of the Deployment's current template: {@code <deployment>-<pod-template-hash>}. */
    public static String currentName(Deployment deployment) {
        return deployment.getMetadata().getName() + "-" + TemplateHash.of(deployment.getSpec().getTemplate());
    }

    /**
     * Whether the Deployment adopts {@code orphan}, a ReplicaSet it once wrote for its current template
     * and released (the Deployment was deleted with {@code propagationPolicy: Orphan}): when nothing
     * controls it and its labels match the Deployment's selector. It then stays the current
     * ReplicaSet, with its uid and its pods.
     */
    static boolean adoptable(Deployment deployment, ReplicaSet orphan) {
        return orphan != null && Owners.controller(orphan.getMetadata()) == null
                && orphan.getMetadata().getDeletionTimestamp() == null
                && orphan.getMetadata().getName().equals(currentName(deployment))
                && Selector.of(deployment.getSpec().getSelector()).matches(orphan.getMetadata().getLabels());
    }

    /**
     * A Deployment being deleted in the foreground: its ReplicaSets without a status — whose pods the
     * replicaset controller deleted with it, or that it never ran — are deleted; the others are
     * marked as being deleted in the foreground, once.
     */
    private static DeploymentActions foreground(Deployment desired, DeploymentObserved observed,
                                                StatusUpdate<DeploymentStatus> status) {
        List<ReplicaSet> delete = new ArrayList<>();
        List<ReplicaSet> write = new ArrayList<>();
        for (ReplicaSet replicaSet : observed.replicaSets()) {
            ObjectMeta meta = replicaSet.getMetadata();
            if (!observed.replicaSetStatus().containsKey(meta.getName())) {
                delete.add(replicaSet);
            } else if (!Owners.foregroundDeleting(meta)) {
                List<String> finalizers = new ArrayList<>(meta.getFinalizers());
                finalizers.add(Owners.FOREGROUND_FINALIZER);
                ObjectMeta marked = ObjectMeta.newBuilder(meta)
                        .setDeletionTimestamp(desired.getMetadata().getDeletionTimestamp())
                        .setFinalizers(finalizers)
                        .build();
                write.add(ReplicaSet.newBuilder(replicaSet).setMetadata(marked).build());
            }
        }
        return new DeploymentActions(delete, write, status, List.of());
    }

    /** {@code replicaSet} as it is once released: without ownerReferences. */
    static ReplicaSet released(ReplicaSet replicaSet) {
        ReplicaSet released = ReplicaSet.newBuilder(replicaSet).build();
        released.getMetadata().setOwnerReferences(new ArrayList<>());
        return released;
    }

    /** The declared replicas of a Deployment or ReplicaSet: null means 1, negative means 0. */
    public static int replicas(Integer declared) {
        return declared == null ? 1 : Math.max(0, declared);
    }

    /** One more than the highest revision among the owned ReplicaSets; 1 when there are none. */
    static long nextRevision(List<ReplicaSet> replicaSets) {
        long highest = 0;
        for (ReplicaSet replicaSet : replicaSets) {
            highest = Math.max(highest, revision(replicaSet));
        }
        return highest + 1;
    }

    /** The revision annotation of a ReplicaSet; 0 when it is missing or not a number. */
    static long revision(ReplicaSet replicaSet) {
        String revision = replicaSet.getMetadata().getAnnotations().get(REVISION_ANNOTATION);
        return revision != null && REVISION.matcher(revision).matches() ? Long.parseLong(revision) : 0;
    }

    static Event scalingEvent(Deployment deployment, String replicaSetName, int from, int to, Instant now) {
        ObjectMeta meta = deployment.getMetadata();
        String message = "Scaled " + (to > from ? "up" : "down") + " replica set " + replicaSetName
                + " from " + from + " to " + to;
        return Events.of(Events.ref(deployment.getKind(), meta.getNamespace(), meta.getName(), meta.getUid()),
                Events.NORMAL, EventReasons.SCALING_REPLICA_SET, message, COMPONENT, null, now);
    }

}

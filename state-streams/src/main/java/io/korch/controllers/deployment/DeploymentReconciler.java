package io.korch.controllers.deployment;

import io.korch.api.Deployment;
import io.korch.api.DeploymentCondition;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.controllers.StatusUpdate;
import io.korch.json.ApiJson;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.model.Owners;
import io.korch.model.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The deployment controller's reconcile step: from a Deployment (desired) and the ReplicaSets it
 * owns (observed), decides which ReplicaSets to write or delete and what the Deployment status is.
 *
 * <p>A Deployment owns one current ReplicaSet per pod template, named
 * {@code <deployment>-<pod-template-hash>} ({@link TemplateHash}). That ReplicaSet carries the
 * declared replicas, the template labels plus {@code pod-template-hash}, the Deployment's selector
 * narrowed by {@code pod-template-hash}, a controller reference to the Deployment and the annotation
 * {@value #REVISION_ANNOTATION}. When the template changes, the ReplicaSet of the new template is
 * created and the older ones are deleted at once: every update behaves like the {@code Recreate}
 * strategy. A gradual rolling update bounded by {@code maxSurge} and {@code maxUnavailable},
 * revision history and rollback are future work.
 *
 * <p>A Deployment being deleted with {@code propagationPolicy: Orphan} ({@link Owners#orphaning})
 * releases its ReplicaSets, which are written without ownerReferences and keep their pods; a new
 * Deployment whose current template names one of them adopts it. One being deleted with
 * {@code propagationPolicy: Foreground} ({@link Owners#foregroundDeleting}) stays while its
 * ReplicaSets go, and each of them while its pods go: each is written marked the same way, so that
 * the replicaset controller deletes its pods, and with them its status, and is deleted once it has
 * no status left. A deleted Deployment deletes them at once.
 *
 * <p>The status sums the status of the remaining ReplicaSets; its one condition, {@code Available},
 * is True when at least the declared number of pods is available.
 *
 * <p>The step is a pure function and idempotent: applied to the state its own actions produced, it
 * returns no writes, no deletions and {@link StatusUpdate#keep()}.
 */
public final class DeploymentReconciler {

    /** Annotation with the rollout revision of a ReplicaSet: 1 for the first template, then counting up. */
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    /** The condition type of a Deployment with enough available pods. */
    public static final String AVAILABLE = "Available";
    /** Reason of {@link #AVAILABLE} True. */
    public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    /** Reason of {@link #AVAILABLE} False. */
    public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    /** The component named in the events this controller records. */
    public static final String COMPONENT = "deployment-controller";

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
        String hash = TemplateHash.of(desired.getSpec().getTemplate());
        String currentName = currentName(desired);
        String deploymentUid = desired.getMetadata().getUid();

        ReplicaSet current = adoptable(desired, observed.orphan()) ? observed.orphan() : null;
        List<ReplicaSet> old = new ArrayList<>();
        for (ReplicaSet replicaSet : observed.replicaSets()) {
            boolean ours = Ownership.isControlledBy(replicaSet.getMetadata(), deploymentUid);
            if (ours && replicaSet.getMetadata().getName().equals(currentName)) {
                current = replicaSet;
            } else {
                old.add(replicaSet);
            }
        }

        List<ReplicaSet> write = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        ReplicaSet wanted = desiredReplicaSet(desired, hash, current, nextRevision(observed.replicaSets()), now, ids);
        int wantedReplicas = wanted.getSpec().getReplicas();
        if (current == null) {
            write.add(wanted);
            if (wantedReplicas > 0) {
                events.add(scalingEvent(desired, currentName, 0, wantedReplicas, now));
            }
        } else if (!wanted.equals(current)) {
            write.add(wanted);
            int before = replicas(current.getSpec().getReplicas());
            if (before != wantedReplicas) {
                events.add(scalingEvent(desired, currentName, before, wantedReplicas, now));
            }
        }
        for (ReplicaSet replicaSet : old) {
            int before = replicas(replicaSet.getSpec().getReplicas());
            if (before > 0) {
                events.add(scalingEvent(desired, replicaSet.getMetadata().getName(), before, 0, now));
            }
        }

        DeploymentStatus status = status(desired, currentName, List.of(currentName), observed.replicaSetStatus(),
                observed.status(), now);
        return new DeploymentActions(old, write, StatusUpdate.ifChanged(observed.status(), status), events);
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

    /** {@code replicaSet} as it is once released: without ownerReferences. */
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

    static ReplicaSet released(ReplicaSet replicaSet) {
        ReplicaSet released = ReplicaSet.newBuilder(replicaSet).build();
        released.getMetadata().setOwnerReferences(new ArrayList<>());
        return released;
    }

    /** The declared replicas of a Deployment or ReplicaSet: null means 1, negative means 0. */
    public static int replicas(Integer declared) {
        return declared == null ? 1 : Math.max(0, declared);
    }

    /**
     * The ReplicaSet the Deployment wants for its current template. When {@code current} exists, its
     * uid, creation time, revision and generation are kept, and the generation counts up if the spec
     * changed.
     */
    static ReplicaSet desiredReplicaSet(
            Deployment deployment, String hash, ReplicaSet current, long nextRevision, Instant now, Ids ids) {
        ObjectMeta deploymentMeta = deployment.getMetadata();
        PodTemplateSpec template = ApiJson.copy(deployment.getSpec().getTemplate());
        ObjectMeta templateMeta = template.getMetadata() == null
                ? ObjectMeta.newBuilder().build()
                : template.getMetadata();
        Map<String, String> labels = new HashMap<>(templateMeta.getLabels());
        labels.put(TemplateHash.LABEL, hash);
        templateMeta.setLabels(new HashMap<>(labels));
        template.setMetadata(templateMeta);

        LabelSelector selector = ApiJson.copy(deployment.getSpec().getSelector());
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels());
        matchLabels.put(TemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);

        ReplicaSetSpec spec = ReplicaSetSpec.newBuilder()
                .setReplicas(replicas(deployment.getSpec().getReplicas()))
                .setMinReadySeconds(deployment.getSpec().getMinReadySeconds())
                .setSelector(selector)
                .setTemplate(template)
                .build();

        String name = deploymentMeta.getName() + "-" + hash;
        ObjectMeta.Builder meta = ObjectMeta.newBuilder()
                .setName(name)
                .setNamespace(deploymentMeta.getNamespace())
                .setLabels(labels)
                .setOwnerReferences(Ownership.controlledBy(
                        deployment.getApiVersion(), deployment.getKind(), deploymentMeta.getName(), deploymentMeta.getUid()));
        if (current == null) {
            meta.setUid(ids.uid())
                    .setCreationTimestamp(now)
                    .setGeneration(1L)
                    .setAnnotations(new HashMap<>(Map.of(REVISION_ANNOTATION, Long.toString(nextRevision))));
        } else {
            ObjectMeta currentMeta = current.getMetadata();
            long generation = currentMeta.getGeneration() == null ? 1L : currentMeta.getGeneration();
            meta.setUid(currentMeta.getUid())
                    .setCreationTimestamp(currentMeta.getCreationTimestamp())
                    .setGeneration(spec.equals(current.getSpec()) ? generation : generation + 1)
                    .setAnnotations(new HashMap<>(currentMeta.getAnnotations()));
        }
        return ReplicaSet.newBuilder().setMetadata(meta.build()).setSpec(spec).build();
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

    /**
     * The Deployment status: replica counts summed over the ReplicaSets that remain (today only the
     * current one, since older ones are deleted in the same step), {@code updatedReplicas} those of
     * the current template, and the {@code Available} condition, whose transition time moves only
     * when its status changes.
     */
    static DeploymentStatus status(Deployment deployment, String currentName, List<String> remaining,
                                   Map<String, ReplicaSetStatus> replicaSetStatus, DeploymentStatus previous,
                                   Instant now) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        for (String name : remaining) {
            ReplicaSetStatus status = replicaSetStatus.get(name);
            if (status != null) {
                replicas += status.getReplicas();
                ready += status.getReadyReplicas();
                available += status.getAvailableReplicas();
            }
        }
        ReplicaSetStatus current = replicaSetStatus.get(currentName);
        int updated = current == null ? 0 : current.getReplicas();
        int desired = replicas(deployment.getSpec().getReplicas());
        boolean minimumAvailable = available >= desired;
        String conditionStatus = minimumAvailable ? "True" : "False";
        DeploymentCondition condition = DeploymentCondition.newBuilder()
                .setType(AVAILABLE)
                .setStatus(conditionStatus)
                .setReason(minimumAvailable ? MINIMUM_REPLICAS_AVAILABLE : MINIMUM_REPLICAS_UNAVAILABLE)
                .setMessage(minimumAvailable
                        ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.")
                .setLastTransitionTime(transitionTime(previous, conditionStatus, now))
                .build();
        List<DeploymentCondition> conditions = new ArrayList<>(1);
        conditions.add(condition);
        return DeploymentStatus.newBuilder()
                .setObservedGeneration(deployment.getMetadata().getGeneration())
                .setReplicas(replicas)
                .setUpdatedReplicas(updated)
                .setReadyReplicas(ready)
                .setAvailableReplicas(available)
                .setUnavailableReplicas(Math.max(0, desired - available))
                .setConditions(conditions)
                .build();
    }

    private static Instant transitionTime(DeploymentStatus previous, String status, Instant now) {
        if (previous != null) {
            for (DeploymentCondition condition : previous.getConditions()) {
                if (condition.getType().equals(AVAILABLE) && condition.getStatus().equals(status)
                        && condition.getLastTransitionTime() != null) {
                    return condition.getLastTransitionTime();
                }
            }
        }
        return now;
    }

    private static Event scalingEvent(Deployment deployment, String replicaSetName, int from, int to, Instant now) {
        ObjectMeta meta = deployment.getMetadata();
        String message = "Scaled " + (to > from ? "up" : "down") + " replica set " + replicaSetName
                + " from " + from + " to " + to;
        return Events.of(Events.ref(deployment.getKind(), meta.getNamespace(), meta.getName(), meta.getUid()),
                Events.NORMAL, EventReasons.SCALING_REPLICA_SET, message, COMPONENT, null, now);
    }

}

package io.korch.controllers.deployment;

import static io.korch.controllers.deployment.DeploymentReconciler.DESIRED_REPLICAS_ANNOTATION;
import static io.korch.controllers.deployment.DeploymentReconciler.MAX_REPLICAS_ANNOTATION;
import static io.korch.controllers.deployment.DeploymentReconciler.REVISION_ANNOTATION;
import static io.korch.controllers.deployment.DeploymentReconciler.REVISION_HISTORY_ANNOTATION;

import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
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
import io.korch.model.DeploymentDefaults;
import io.korch.model.DeploymentDefaults.RolloutBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reconcile of a live Deployment: its ReplicaSets become {@link RolloutSet}s, one
 * {@link RolloutPlanner} step sizes them, and the step becomes the ReplicaSets to write (created,
 * resized, or re-annotated), the old ones to delete beyond {@code revisionHistoryLimit}, the status
 * with its conditions ({@link RolloutConditions}) and a {@code ScalingReplicaSet} event per resize.
 */
final class DeploymentRollout {

    private final Deployment deployment;
    private final DeploymentSpec spec;
    private final ReplicaSet current;
    private final List<ReplicaSet> old;
    private final DeploymentObserved observed;
    private final Instant now;
    private final Ids ids;
    private final int replicas;
    private final RolloutBounds bounds;

    /**
     * @param deployment the Deployment, with Kubernetes' defaults filled in
     * @param current    the ReplicaSet of its current template, or null when there is none yet
     * @param old        the other ReplicaSets it owns
     * @param observed   the ReplicaSets' status and the Deployment's status as last written
     */
    DeploymentRollout(Deployment deployment, ReplicaSet current, List<ReplicaSet> old, DeploymentObserved observed,
                      Instant now, Ids ids) {
        this.deployment = deployment;
        this.spec = deployment.getSpec();
        this.current = current;
        this.old = List.copyOf(old);
        this.observed = observed;
        this.now = now;
        this.ids = ids;
        this.replicas = DeploymentReconciler.replicas(spec.getReplicas());
        this.bounds = DeploymentDefaults.bounds(spec, replicas);
    }

    /** The actions of this reconcile; {@code foreign}, ReplicaSets of an earlier Deployment of the same name, go first. */
    DeploymentActions actions(List<ReplicaSet> foreign) {
        List<RolloutSet> oldSets = old.stream().map(this::set).toList();
        RolloutPlanner.Rollout rollout = new RolloutPlanner.Rollout(replicas, bounds,
                current == null ? null : set(current), oldSets,
                observed.status() == null ? 0 : observed.status().getReplicas());
        boolean paused = DeploymentDefaults.paused(spec);
        boolean scaling = paused || rollout.scalingEvent();
        RolloutPlanner.Step step = scaling ? RolloutPlanner.scale(rollout)
                : DeploymentDefaults.recreates(spec) ? RolloutPlanner.recreate(rollout)
                : RolloutPlanner.rolling(rollout);

        List<ReplicaSet> write = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Map<String, ReplicaSet> after = new LinkedHashMap<>();
        long highestOld = old.stream().mapToLong(DeploymentReconciler::revision).max().orElse(0);
        boolean created = current == null && step.create() != null;
        boolean revived = current != null && DeploymentReconciler.revision(current) <= highestOld;
        if (created) {
            ReplicaSet replicaSet = currentReplicaSet(null, highestOld + 1, step.create());
            write.add(replicaSet);
            scaled(events, replicaSet.getMetadata().getName(), 0, step.create());
            after.put(replicaSet.getMetadata().getName(), replicaSet);
        } else if (current != null) {
            long revision = revived ? highestOld + 1 : DeploymentReconciler.revision(current);
            ReplicaSet wanted = currentReplicaSet(current, revision, step.replicas().get(current.getMetadata().getName()));
            changed(write, events, current, wanted);
            after.put(wanted.getMetadata().getName(), wanted);
        }
        for (ReplicaSet replicaSet : old) {
            String name = replicaSet.getMetadata().getName();
            int size = step.replicas().get(name);
            boolean annotate = size != size(replicaSet) || scaling && size > 0;
            ReplicaSet wanted = annotate ? resized(replicaSet, size) : replicaSet;
            changed(write, events, replicaSet, wanted);
            after.put(name, wanted);
        }

        DeploymentStatus status = status(after);
        boolean complete = complete(status);
        List<ReplicaSet> delete = new ArrayList<>(foreign);
        if (complete || paused) {
            List<String> beyond = RolloutPlanner.beyondHistory(
                    old.stream().map(rs -> set(after.get(rs.getMetadata().getName()))).toList(),
                    spec.getRevisionHistoryLimit());
            for (ReplicaSet replicaSet : old) {
                if (beyond.contains(replicaSet.getMetadata().getName())) {
                    delete.add(replicaSet);
                    write.removeIf(w -> w.getMetadata().getName().equals(replicaSet.getMetadata().getName()));
                }
            }
        }
        RolloutConditions.Facts facts = new RolloutConditions.Facts(DeploymentReconciler.currentName(deployment),
                created, revived && !created, paused, complete,
                status.getAvailableReplicas() >= replicas - bounds.maxUnavailable(),
                Duration.ofSeconds(spec.getProgressDeadlineSeconds()));
        status.setConditions(RolloutConditions.of(facts, observed.status(), status, now));
        return new DeploymentActions(delete, write, StatusUpdate.ifChanged(observed.status(), status), events);
    }

    /** Every desired pod updated and available, no other pod left, and the latest spec seen. */
    private boolean complete(DeploymentStatus status) {
        return status.getUpdatedReplicas() == replicas && status.getReplicas() == replicas
                && status.getAvailableReplicas() == replicas;
    }

    /** The counts of the status, summed over the ReplicaSets as this step leaves them. */
    private DeploymentStatus status(Map<String, ReplicaSet> after) {
        int total = 0;
        int ready = 0;
        int available = 0;
        int wanted = 0;
        for (ReplicaSet replicaSet : after.values()) {
            ReplicaSetStatus status = observed.replicaSetStatus().get(replicaSet.getMetadata().getName());
            wanted += size(replicaSet);
            if (status != null) {
                total += status.getReplicas();
                ready += status.getReadyReplicas();
                available += status.getAvailableReplicas();
            }
        }
        ReplicaSetStatus currentStatus = observed.replicaSetStatus().get(DeploymentReconciler.currentName(deployment));
        return DeploymentStatus.newBuilder()
                .setObservedGeneration(deployment.getMetadata().getGeneration())
                .setReplicas(total)
                .setUpdatedReplicas(currentStatus == null ? 0 : currentStatus.getReplicas())
                .setReadyReplicas(ready)
                .setAvailableReplicas(available)
                .setUnavailableReplicas(Math.max(0, wanted - available))
                .build();
    }

    private void changed(List<ReplicaSet> write, List<Event> events, ReplicaSet before, ReplicaSet wanted) {
        if (!wanted.equals(before)) {
            write.add(wanted);
            scaled(events, wanted.getMetadata().getName(), size(before), size(wanted));
        }
    }

    private void scaled(List<Event> events, String name, int from, int to) {
        if (from != to) {
            events.add(DeploymentReconciler.scalingEvent(deployment, name, from, to, now));
        }
    }

    /** {@code replicaSet} sized for {@code size} pods, annotated with the Deployment's counts now. */
    private ReplicaSet resized(ReplicaSet replicaSet, int size) {
        ReplicaSetSpec resizedSpec = ReplicaSetSpec.newBuilder(replicaSet.getSpec()).setReplicas(size).build();
        ObjectMeta meta = replicaSet.getMetadata();
        Map<String, String> annotations = new HashMap<>(meta.getAnnotations());
        annotateCounts(annotations);
        long generation = meta.getGeneration() == null ? 1L : meta.getGeneration();
        ObjectMeta resizedMeta = ObjectMeta.newBuilder(meta)
                .setAnnotations(annotations)
                .setGeneration(resizedSpec.equals(replicaSet.getSpec()) ? generation : generation + 1)
                .build();
        return ReplicaSet.newBuilder(replicaSet).setMetadata(resizedMeta).setSpec(resizedSpec).build();
    }

    /**
     * The current template's ReplicaSet as the Deployment wants it, with {@code size} pods. When
     * {@code existing} is there, its uid and creation time are kept, and its generation counts up
     * if the spec changed; at a new {@code revision}, its earlier one goes to the revision history.
     */
    private ReplicaSet currentReplicaSet(ReplicaSet existing, long revision, int size) {
        ObjectMeta deploymentMeta = deployment.getMetadata();
        String hash = TemplateHash.of(spec.getTemplate());
        PodTemplateSpec template = ApiJson.copy(spec.getTemplate());
        ObjectMeta templateMeta = template.getMetadata() == null
                ? ObjectMeta.newBuilder().build()
                : template.getMetadata();
        Map<String, String> labels = new HashMap<>(templateMeta.getLabels());
        labels.put(TemplateHash.LABEL, hash);
        templateMeta.setLabels(new HashMap<>(labels));
        template.setMetadata(templateMeta);

        LabelSelector selector = ApiJson.copy(spec.getSelector());
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels());
        matchLabels.put(TemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);

        ReplicaSetSpec replicaSetSpec = ReplicaSetSpec.newBuilder()
                .setReplicas(size)
                .setMinReadySeconds(spec.getMinReadySeconds())
                .setSelector(selector)
                .setTemplate(template)
                .build();

        Map<String, String> annotations = new HashMap<>();
        deploymentMeta.getAnnotations().forEach((key, value) -> {
            if (!DeploymentReconciler.ANNOTATIONS_NOT_COPIED.contains(key)) {
                annotations.put(key, value);
            }
        });
        annotations.put(REVISION_ANNOTATION, Long.toString(revision));
        annotateCounts(annotations);
        ObjectMeta.Builder meta = ObjectMeta.newBuilder()
                .setName(deploymentMeta.getName() + "-" + hash)
                .setNamespace(deploymentMeta.getNamespace())
                .setLabels(labels)
                .setAnnotations(annotations)
                .setOwnerReferences(Ownership.controlledBy(
                        deployment.getApiVersion(), deployment.getKind(), deploymentMeta.getName(), deploymentMeta.getUid()));
        if (existing == null) {
            return ReplicaSet.newBuilder().setMetadata(meta.setUid(ids.uid()).setCreationTimestamp(now).setGeneration(1L)
                    .build()).setSpec(replicaSetSpec).build();
        }
        ObjectMeta existingMeta = existing.getMetadata();
        String history = existingMeta.getAnnotations().get(REVISION_HISTORY_ANNOTATION);
        long previousRevision = DeploymentReconciler.revision(existing);
        if (previousRevision != revision && previousRevision > 0) {
            history = history == null || history.isEmpty() ? Long.toString(previousRevision)
                    : history + "," + previousRevision;
        }
        if (history != null) {
            annotations.put(REVISION_HISTORY_ANNOTATION, history);
        }
        long generation = existingMeta.getGeneration() == null ? 1L : existingMeta.getGeneration();
        meta.setUid(existingMeta.getUid())
                .setCreationTimestamp(existingMeta.getCreationTimestamp())
                .setGeneration(replicaSetSpec.equals(existing.getSpec()) ? generation : generation + 1);
        return ReplicaSet.newBuilder().setMetadata(meta.build()).setSpec(replicaSetSpec).build();
    }

    private void annotateCounts(Map<String, String> annotations) {
        annotations.put(DESIRED_REPLICAS_ANNOTATION, Integer.toString(replicas));
        annotations.put(MAX_REPLICAS_ANNOTATION, Integer.toString(replicas + bounds.maxSurge()));
    }

    private RolloutSet set(ReplicaSet replicaSet) {
        String name = replicaSet.getMetadata().getName();
        ReplicaSetStatus status = observed.replicaSetStatus().get(name);
        Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
        long generation = replicaSet.getMetadata().getGeneration() == null ? 1L : replicaSet.getMetadata().getGeneration();
        boolean settled = status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation;
        return new RolloutSet(name, DeploymentReconciler.revision(replicaSet), size(replicaSet),
                status == null ? 0 : status.getReplicas(), status == null ? 0 : status.getAvailableReplicas(),
                count(annotations.get(DESIRED_REPLICAS_ANNOTATION)), count(annotations.get(MAX_REPLICAS_ANNOTATION)),
                settled);
    }

    private static int size(ReplicaSet replicaSet) {
        return DeploymentReconciler.replicas(replicaSet.getSpec().getReplicas());
    }

    private static Integer count(String annotation) {
        if (annotation == null || !annotation.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.parseInt(annotation);
    }
}

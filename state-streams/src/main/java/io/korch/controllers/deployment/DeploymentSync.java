package io.korch.controllers.deployment;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.DueTimes;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.controllers.ReconcileException;
import io.korch.controllers.Ownership;
import io.korch.controllers.StoreKeys;
import io.korch.model.Events;
import io.korch.topics.Keys;
import io.korch.model.DeploymentDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the reconcile of one Deployment inside a processor: loads its state from the stores, as they
 * will be once the triggering input record is written ({@link InputWrite}), runs the pure
 * {@link DeploymentReconciler}, and turns its actions into {@link Effects} — the input write, then
 * the controller's own stores and indexes, then the output topics — so that the next reconcile sees
 * them even before they come back from Kafka. Planning reads and never writes: nothing changes until
 * the caller applies the effects.
 */
final class DeploymentSync {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentSync.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final ProcessorContext<String, SpecificRecord> context;
    private final Ids ids;
    private final KeyValueStore<String, Deployment> deployments;
    private final KeyValueStore<String, ReplicaSet> replicaSets;
    private final KeyValueStore<String, String> replicaSetsByDeployment;
    private final KeyValueStore<String, ReplicaSetStatus> replicaSetStatus;
    private final KeyValueStore<String, DeploymentStatus> statuses;
    private final DueTimes deadlines;

    DeploymentSync(ProcessorContext<String, SpecificRecord> context, Ids ids) {
        this.context = context;
        this.ids = ids;
        this.deployments = context.getStateStore(DeploymentController.DEPLOYMENTS_STORE);
        this.replicaSets = context.getStateStore(DeploymentController.REPLICASETS_STORE);
        this.replicaSetsByDeployment = context.getStateStore(DeploymentController.REPLICASETS_BY_DEPLOYMENT_STORE);
        this.replicaSetStatus = context.getStateStore(DeploymentController.REPLICASET_STATUS_STORE);
        this.statuses = context.getStateStore(DeploymentController.STATUS_STORE);
        this.deadlines = new DueTimes(context.getStateStore(DeploymentController.DEADLINES_STORE));
    }

    KeyValueStore<String, Deployment> deployments() {
        return deployments;
    }

    KeyValueStore<String, ReplicaSet> replicaSets() {
        return replicaSets;
    }

    KeyValueStore<String, ReplicaSetStatus> replicaSetStatus() {
        return replicaSetStatus;
    }

    /**
     * The effects that record {@code input} and bring the Deployment {@code deploymentKey} and
     * everything it owns to its declared state.
     */
    Effects plan(String deploymentKey, InputWrite<?> input, Instant now) {
        List<ReplicaSet> owned = new ArrayList<>();
        Map<String, ReplicaSetStatus> ownedStatus = new HashMap<>();
        try (KeyValueIterator<String, String> index =
                     replicaSetsByDeployment.prefixScan(StoreKeys.prefix(deploymentKey), KEYS)) {
            index.forEachRemaining(entry -> {
                ReplicaSet replicaSet = replicaSets.get(entry.value);
                if (replicaSet != null) {
                    owned.add(replicaSet);
                    ReplicaSetStatus status = input.read(replicaSetStatus, entry.value);
                    if (status != null) {
                        ownedStatus.put(replicaSet.getMetadata().getName(), status);
                    }
                }
            });
        }
        Deployment desired = input.read(deployments, deploymentKey);
        ReplicaSet orphan = null;
        if (desired != null && desired.getMetadata().getDeletionTimestamp() == null) {
            String currentKey = Keys.of(desired.getMetadata().getNamespace(), DeploymentReconciler.currentName(desired));
            ReplicaSet candidate = replicaSets.get(currentKey);
            if (candidate != null && Ownership.controller(candidate.getMetadata()) == null) {
                orphan = candidate;
                ReplicaSetStatus status = input.read(replicaSetStatus, currentKey);
                if (status != null && DeploymentReconciler.adoptable(desired, candidate)) {
                    ownedStatus.put(candidate.getMetadata().getName(), status);
                }
            }
        }
        DeploymentObserved observed = new DeploymentObserved(owned, ownedStatus, statuses.get(deploymentKey), orphan);
        DeploymentActions actions = DeploymentReconciler.reconcile(desired, observed, now, ids);
        Effects effects = new Effects(context);
        input.addTo(effects);
        addActions(effects, deploymentKey, actions, now);
        addDeadline(effects, deploymentKey, desired, actions);
        return effects;
    }

    /** Reconciles, with no input, every Deployment whose rollout passed its progress deadline by {@code now}. */
    void checkDeadlines(Instant now) {
        for (String key : deadlines.dueBy(now)) {
            try {
                Effects.plan("the progress deadline of " + key, () -> plan(key, InputWrite.none(), now)).apply();
            } catch (ReconcileException e) {
                LOG.error("left {} out of the progress-deadline check: {}", key, e.getMessage(), e);
            }
        }
    }

    /** Records when the Deployment's rollout times out unless it moves, or that it is not under way. */
    private void addDeadline(Effects effects, String deploymentKey, Deployment desired, DeploymentActions actions) {
        DeploymentStatus status = switch (actions.status().kind()) {
            case WRITE -> actions.status().status();
            case DELETE -> null;
            case KEEP -> statuses.get(deploymentKey);
        };
        Instant due = desired == null || status == null ? null : RolloutConditions.deadline(status,
                Duration.ofSeconds(DeploymentDefaults.defaulted(desired).getSpec().getProgressDeadlineSeconds()));
        deadlines.record(effects, deploymentKey, due);
    }

    private void addActions(Effects effects, String deploymentKey, DeploymentActions actions, Instant now) {
        for (ReplicaSet replicaSet : actions.delete()) {
            String key = key(replicaSet);
            effects.delete(replicaSets, key)
                    .delete(replicaSetStatus, key)
                    .delete(replicaSetsByDeployment, StoreKeys.of(deploymentKey, replicaSet.getMetadata().getName()))
                    .forward(DeploymentController.REPLICASETS_SINK, key, null, now);
        }
        for (ReplicaSet replicaSet : actions.release()) {
            String key = key(replicaSet);
            ReplicaSet released = DeploymentReconciler.released(replicaSet);
            effects.put(replicaSets, key, released) // kept with its status, for a Deployment that adopts it
                    .delete(replicaSetsByDeployment, StoreKeys.of(deploymentKey, replicaSet.getMetadata().getName()))
                    .forward(DeploymentController.REPLICASETS_SINK, key, released, now);
        }
        for (ReplicaSet replicaSet : actions.write()) {
            String key = key(replicaSet);
            effects.put(replicaSets, key, replicaSet)
                    .put(replicaSetsByDeployment, StoreKeys.of(deploymentKey, replicaSet.getMetadata().getName()), key)
                    .forward(DeploymentController.REPLICASETS_SINK, key, replicaSet, now);
        }
        switch (actions.status().kind()) {
            case WRITE -> effects.put(statuses, deploymentKey, actions.status().status())
                    .forward(DeploymentController.STATUS_SINK, deploymentKey, actions.status().status(), now);
            case DELETE -> effects.delete(statuses, deploymentKey)
                    .forward(DeploymentController.STATUS_SINK, deploymentKey, null, now);
            case KEEP -> {
                // the status written last still holds
            }
        }
        for (Event event : actions.events()) {
            effects.forward(DeploymentController.EVENTS_SINK, Events.key(event), event, now);
        }
    }

    private static String key(ReplicaSet replicaSet) {
        return Keys.of(replicaSet.getMetadata().getNamespace(), replicaSet.getMetadata().getName());
    }
}

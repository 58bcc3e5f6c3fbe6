package io.korch.controllers.deployment;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.Ids;
import io.korch.controllers.StoreKeys;
import io.korch.model.Events;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reconciles one Deployment inside a processor: loads its state from the stores, runs the pure
 * {@link DeploymentReconciler}, then applies the actions, to its own stores first and then to the
 * output topics, so that the next reconcile sees them even before they come back from Kafka.
 */
final class DeploymentSync {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ProcessorContext<String, SpecificRecord> context;
    private final Ids ids;
    private final KeyValueStore<String, Deployment> deployments;
    private final KeyValueStore<String, ReplicaSet> replicaSets;
    private final KeyValueStore<String, String> replicaSetsByDeployment;
    private final KeyValueStore<String, ReplicaSetStatus> replicaSetStatus;
    private final KeyValueStore<String, DeploymentStatus> statuses;

    DeploymentSync(ProcessorContext<String, SpecificRecord> context, Ids ids) {
        this.context = context;
        this.ids = ids;
        this.deployments = context.getStateStore(DeploymentController.DEPLOYMENTS_STORE);
        this.replicaSets = context.getStateStore(DeploymentController.REPLICASETS_STORE);
        this.replicaSetsByDeployment = context.getStateStore(DeploymentController.REPLICASETS_BY_DEPLOYMENT_STORE);
        this.replicaSetStatus = context.getStateStore(DeploymentController.REPLICASET_STATUS_STORE);
        this.statuses = context.getStateStore(DeploymentController.STATUS_STORE);
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

    /** Brings the Deployment {@code deploymentKey} and everything it owns to its declared state. */
    void reconcile(String deploymentKey, Instant now) {
        List<ReplicaSet> owned = new ArrayList<>();
        Map<String, ReplicaSetStatus> ownedStatus = new HashMap<>();
        try (KeyValueIterator<String, String> index =
                     replicaSetsByDeployment.prefixScan(StoreKeys.prefix(deploymentKey), KEYS)) {
            index.forEachRemaining(entry -> {
                ReplicaSet replicaSet = replicaSets.get(entry.value);
                if (replicaSet != null) {
                    owned.add(replicaSet);
                    ReplicaSetStatus status = replicaSetStatus.get(entry.value);
                    if (status != null) {
                        ownedStatus.put(replicaSet.getMetadata().getName(), status);
                    }
                }
            });
        }
        DeploymentObserved observed = new DeploymentObserved(owned, ownedStatus, statuses.get(deploymentKey));
        DeploymentActions actions = DeploymentReconciler.reconcile(deployments.get(deploymentKey), observed, now, ids);
        apply(deploymentKey, actions, now);
    }

    private void apply(String deploymentKey, DeploymentActions actions, Instant now) {
        long timestamp = now.toEpochMilli();
        for (ReplicaSet replicaSet : actions.delete()) {
            String key = key(replicaSet);
            replicaSets.delete(key);
            replicaSetStatus.delete(key);
            replicaSetsByDeployment.delete(StoreKeys.of(deploymentKey, replicaSet.getMetadata().getName()));
            context.forward(new Record<>(key, null, timestamp), DeploymentController.REPLICASETS_SINK);
        }
        for (ReplicaSet replicaSet : actions.write()) {
            String key = key(replicaSet);
            replicaSets.put(key, replicaSet);
            replicaSetsByDeployment.put(StoreKeys.of(deploymentKey, replicaSet.getMetadata().getName()), key);
            context.forward(new Record<>(key, replicaSet, timestamp), DeploymentController.REPLICASETS_SINK);
        }
        switch (actions.status().kind()) {
            case WRITE -> {
                statuses.put(deploymentKey, actions.status().status());
                context.forward(new Record<>(deploymentKey, actions.status().status(), timestamp),
                        DeploymentController.STATUS_SINK);
            }
            case DELETE -> {
                statuses.delete(deploymentKey);
                context.forward(new Record<>(deploymentKey, null, timestamp), DeploymentController.STATUS_SINK);
            }
            case KEEP -> {
                // the status written last still holds
            }
        }
        for (Event event : actions.events()) {
            context.forward(new Record<>(Events.key(event), event, timestamp), DeploymentController.EVENTS_SINK);
        }
    }

    private static String key(ReplicaSet replicaSet) {
        return Keys.of(replicaSet.getMetadata().getNamespace(), replicaSet.getMetadata().getName());
    }
}

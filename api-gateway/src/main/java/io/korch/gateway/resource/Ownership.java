package io.korch.gateway.resource;

import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.ReplicaSet;
import io.korch.gateway.view.ClusterView;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Explains why an object a controller owns may not be changed directly, and what to change
 * instead: a pod of a ReplicaSet of a Deployment is scaled or deleted through the Deployment.
 */
public final class Ownership {

    private Ownership() {
    }

    /** The message refusing a direct change of the owned object {@code stored}, stored under {@code key}. */
    public static <T extends SpecificRecord> String refusal(ResourceType<T> type, String key, Stored<T> stored,
                                                            ClusterView view) {
        ObjectMeta meta = ObjectRecords.metadata(type.status().merge(stored.value(), key, view));
        String subject = type.kind().kind().toLowerCase(Locale.ROOT) + " \"" + meta.getName() + "\"";
        OwnerReference owner = controllerOf(meta);
        if (owner == null) {
            return subject + " is managed by korch's controllers; change or delete its owner instead";
        }
        String controlled = subject + " is controlled by " + owner.getKind() + " \"" + owner.getName() + "\"";
        if (!"ReplicaSet".equals(owner.getKind())) {
            return controlled + "; change or delete the " + owner.getKind() + " instead";
        }
        ReplicaSet replicaSet = view.table(Topics.OWNED_REPLICASETS).value(Keys.of(Keys.namespace(key), owner.getName()));
        OwnerReference topOwner = replicaSet == null ? null : controllerOf(replicaSet.getMetadata());
        return topOwner == null
                ? controlled + "; scale or delete the ReplicaSet instead"
                : controlled + "; scale or delete the " + topOwner.getKind() + " \"" + topOwner.getName() + "\" instead";
    }

    /** The owner reference marked as controller, else the first one, else null. */
    static OwnerReference controllerOf(ObjectMeta meta) {
        OwnerReference first = null;
        for (OwnerReference reference : meta.getOwnerReferences()) {
            if (Boolean.TRUE.equals(reference.getController())) {
                return reference;
            }
            if (first == null) {
                first = reference;
            }
        }
        return first;
    }
}

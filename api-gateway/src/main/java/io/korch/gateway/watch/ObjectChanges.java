package io.korch.gateway.watch;

import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one change of the change log to a {@link ClusterView} and tells what it did to the
 * served object its record belongs to: ADDED when the object appeared, MODIFIED when it changed,
 * DELETED when it went (carrying its last state), nothing when the view had the change already
 * or the record belongs to no object the API serves (a status of a pod already gone).
 */
public final class ObjectChanges {

    private ObjectChanges() {
    }

    /** Applies record {@code key} of {@code topic} becoming {@code value} (null: deleted) at {@code revision}. */
    public static <V> Optional<ObjectChange> apply(ClusterView view, Topic<String, V> topic, String key, V value,
                                                   long revision) {
        Optional<ServedTopics.Served> served = ServedTopics.byName(topic.name());
        if (served.isEmpty()) {
            return Optional.empty();
        }
        var kind = served.get().kind();
        String objectKey = ServedTopics.objectKey(topic.name(), key);
        Optional<SpecificRecord> before = ServedObjects.served(view, kind, objectKey);
        if (!view.apply(topic, key, value, revision)) {
            return Optional.empty();
        }
        Optional<SpecificRecord> after = ServedObjects.served(view, kind, objectKey);
        if (after.isPresent()) {
            ObjectChange.Type type = before.isPresent() ? ObjectChange.Type.MODIFIED : ObjectChange.Type.ADDED;
            return Optional.of(new ObjectChange(revision, kind, objectKey, type, withResourceVersion(after.get(), revision)));
        }
        return before.map(last -> new ObjectChange(revision, kind, objectKey, ObjectChange.Type.DELETED,
                withResourceVersion(last, revision)));
    }

    private static SpecificRecord withResourceVersion(SpecificRecord object, long revision) {
        return ObjectRecords.with(object, "metadata",
                ObjectRecords.with(ObjectRecords.metadata(object), "resourceVersion", Long.toString(revision)));
    }
}

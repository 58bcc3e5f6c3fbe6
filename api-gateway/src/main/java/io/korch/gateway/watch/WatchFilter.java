package io.korch.gateway.watch;

import io.korch.gateway.resource.ObjectRecords;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which changes one watch delivers: of one kind, in one namespace or all, whose object's labels
 * match a label selector and that a field selector selects.
 *
 * @param kind      the kind watched
 * @param namespace the namespace watched, or null for all
 * @param labels    the label selector
 * @param fields    the field selector
 */
public record WatchFilter(ApiKind kind, String namespace, Selector labels, FieldSelector<SpecificRecord> fields) {

    public WatchFilter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(fields, "fields");
    }

    /** Whether {@code change} is delivered. */
    public boolean matches(ObjectChange change) {
        if (change.kind() != kind || (namespace != null && !namespace.equals(change.namespace()))) {
            return false;
        }
        var meta = ObjectRecords.metadata(change.object());
        return labels.matches(meta.getLabels()) && fields.test(change.object());
    }
}

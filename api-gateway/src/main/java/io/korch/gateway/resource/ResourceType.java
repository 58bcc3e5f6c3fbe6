package io.korch.gateway.resource;

import io.korch.gateway.validation.Validator;
import io.korch.gateway.view.ClusterView;
import io.korch.model.ApiKind;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the API needs to serve one kind: where users' objects of it live, where controllers
 * put the ones they own, how to validate it and how to merge in the status others report.
 *
 * @param kind       the kind, with its paths and names
 * @param type       the Avro record class
 * @param userTopic  the topic of objects people declare through the gateway
 * @param ownedTopic the topic of objects controllers own, or null when there are none
 * @param validator  the kind's validation rules
 * @param status     merges reported status into an object taken from the view
 * @param defaults   fills in, on every write, what Kubernetes defaults before it validates (a
 *                   Secret's type, its stringData merged into data)
 * @param kept       what a replace keeps of the object it replaces when it leaves it out (a
 *                   Service's allocated cluster IP and node ports): given the new object and the
 *                   current one, the object to write, before it is checked against the current one
 * @param <T>        the record type
 */
public record ResourceType<T extends SpecificRecord>(
        ApiKind kind, Class<T> type, Topic<String, T> userTopic, Topic<String, T> ownedTopic,
        Validator<T> validator, StatusSource<T> status, UnaryOperator<T> defaults, BinaryOperator<T> kept) {

    /** A kind whose replaces keep nothing of the object they replace but what the server owns. */
    public ResourceType(ApiKind kind, Class<T> type, Topic<String, T> userTopic, Topic<String, T> ownedTopic,
                        Validator<T> validator, StatusSource<T> status, UnaryOperator<T> defaults) {
        this(kind, type, userTopic, ownedTopic, validator, status, defaults, (next, current) -> next);
    }

    /** A kind whose objects are written as they are given, with nothing defaulted. */
    public ResourceType(ApiKind kind, Class<T> type, Topic<String, T> userTopic, Topic<String, T> ownedTopic,
                        Validator<T> validator, StatusSource<T> status) {
        this(kind, type, userTopic, ownedTopic, validator, status, UnaryOperator.identity());
    }

    /** Where the status of an object comes from. */
    @FunctionalInterface
    public interface StatusSource<T> {

        /** {@code object} (stored under {@code key}) with the status the view holds for it. */
        T merge(T object, String key, ClusterView view);
    }

    /** The record key of the object {@code name} in {@code namespace} (ignored for cluster-scoped kinds). */
    public String key(String namespace, String name) {
        return kind.namespaced() ? Keys.of(namespace, name) : name;
    }

    /** The record key of {@code object}. */
    public String keyOf(T object) {
        var meta = ObjectRecords.metadata(object);
        return key(meta.getNamespace(), meta.getName());
    }
}

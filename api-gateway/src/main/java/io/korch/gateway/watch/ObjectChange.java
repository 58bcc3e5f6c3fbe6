package io.korch.gateway.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * One change of one served object, as a watch delivers it: the object after the change (before
 * it, for a deletion), with the change's revision as its resourceVersion. Its JSON line is written
 * once, however many watches deliver it.
 */
public final class ObjectChange {

    /** The watch event types of Kubernetes. */
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    private final long revision;
    private final ApiKind kind;
    private final String objectKey;
    private final Type type;
    private final SpecificRecord object;
    private volatile byte[] line;

    /**
     * @param revision  the change's revision
     * @param kind      the object's kind
     * @param objectKey {@code namespace/name}, or the name of a cluster-scoped object
     * @param type      ADDED, MODIFIED or DELETED
     * @param object    the object as served
     */
    public ObjectChange(long revision, ApiKind kind, String objectKey, Type type, SpecificRecord object) {
        this.revision = revision;
        this.kind = kind;
        this.objectKey = objectKey;
        this.type = type;
        this.object = object;
    }

    public long revision() {
        return revision;
    }

    public ApiKind kind() {
        return kind;
    }

    public String objectKey() {
        return objectKey;
    }

    public Type type() {
        return type;
    }

    public SpecificRecord object() {
        return object;
    }

    /** The object's namespace, or null for a cluster-scoped kind. */
    public String namespace() {
        int slash = objectKey.indexOf('/');
        return kind.namespaced() && slash > 0 ? objectKey.substring(0, slash) : null;
    }

    /** The object's name. */
    public String name() {
        return objectKey.substring(objectKey.indexOf('/') + 1);
    }

    /** The watch event as one line of newline-delimited JSON: {@code {"type":..., "object":...}}. */
    public byte[] line() {
        byte[] written = line;
        if (written == null) {
            ObjectNode event = ApiJson.MAPPER.createObjectNode();
            event.put("type", type.name());
            event.set("object", ApiJson.write(object));
            written = lineOf(event);
            line = written;
        }
        return written;
    }

    /** {@code event} as a line of newline-delimited JSON. */
    public static byte[] lineOf(ObjectNode event) {
        try {
            return (ApiJson.MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a watch event", e);
        }
    }
}

package io.korch.cli.manifest;

import io.korch.api.ObjectMeta;
import io.korch.model.ApiKind;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One object read from a manifest and checked against its schema.
 *
 * @param kind   its kind
 * @param object the object as korch's record type ({@link ApiKind#type()})
 * @param source where it came from: a file path or {@code STDIN}
 */
public record ManifestObject(ApiKind kind, SpecificRecord object, String source) {

    public ManifestObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
    }

    /** The object's metadata. */
    public ObjectMeta metadata() {
        return metadataOf(object);
    }

    /** {@code metadata.name}. */
    public String name() {
        return metadata().getName();
    }

    /** {@code metadata.namespace} as written in the manifest, or null. */
    public String namespace() {
        return metadata().getNamespace();
    }

    /** The metadata of any korch object record; every kind has a {@code metadata} field. */
    public static ObjectMeta metadataOf(SpecificRecord object) {
        return (ObjectMeta) object.get(object.getSchema().getField("metadata").pos());
    }
}

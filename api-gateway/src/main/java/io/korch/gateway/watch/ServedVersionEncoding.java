package io.korch.gateway.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.conversion.ServedVersion;

/**
 * Writes a watch of a kind at another version than the stored one: each change's object is
 * converted to that version ({@link ServedVersion}) before {@code encoding} writes it.
 *
 * @param version  the version watched
 * @param encoding how the converted changes are written
 */
public record ServedVersionEncoding(ServedVersion<?, ?> version, WatchEncoding encoding) implements WatchEncoding {

    @Override
    public byte[] line(ObjectChange change) {
        return encoding.line(new ObjectChange(change.revision(), change.kind(), change.objectKey(), change.type(),
                version.served(change.object())));
    }

    @Override
    public ObjectNode bookmark(String apiVersion, String kind, String resourceVersion) {
        return encoding.bookmark(apiVersion, kind, resourceVersion);
    }
}

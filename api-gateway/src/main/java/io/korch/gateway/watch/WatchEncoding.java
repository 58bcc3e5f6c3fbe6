package io.korch.gateway.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;

/**
 * How a watch writes what it delivers: each change as a line of newline-delimited JSON, and the
 * object of each BOOKMARK. {@link #OBJECTS} writes the objects as served; a watch that asked for a
 * Table or {@code PartialObjectMetadata} gets a {@link ConvertedWatchEncoding}. An encoding may keep
 * state from one line to the next: the {@link Watcher} calls it for one change at a time, in the
 * order the lines are written.
 */
public interface WatchEncoding {

    /** Changes as {@link ObjectChange#line()} writes them, the line shared by every watch. */
    WatchEncoding OBJECTS = ObjectChange::line;

    /** The watch event line of {@code change}: {@code {"type": ..., "object": ...}}. */
    byte[] line(ObjectChange change);

    /** The object of a BOOKMARK at {@code resourceVersion}: an empty object of the watched kind. */
    default ObjectNode bookmark(String apiVersion, String kind, String resourceVersion) {
        ObjectNode object = ApiJson.MAPPER.createObjectNode();
        object.put("kind", kind);
        object.put("apiVersion", apiVersion);
        object.putObject("metadata").put("resourceVersion", resourceVersion);
        return object;
    }
}

package io.korch.gateway.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ResourceType;
import io.korch.json.ApiJson;
import io.korch.printing.Printers;
import io.korch.printing.TablePrinter;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * A version a kind is served at, with the conversions between its objects and the stored ones:
 * bodies are read as this version and converted to the stored one, answers converted from the
 * stored one, and Tables printed from this version's objects. A kind's own version
 * ({@link #stored}) converts nothing.
 *
 * @param apiVersion the apiVersion served: {@code autoscaling/v1}
 * @param stored     the stored record class
 * @param type       this version's record class
 * @param toServed   converts a stored object to this version
 * @param toStored   converts an object of this version to the stored one; may throw a {@link io.korch.json.FieldException}
 * @param printer    the columns and cells of this version's objects
 * @param <T>        the stored type
 * @param <V>        this version's type
 */
public record ServedVersion<T extends SpecificRecord, V extends SpecificRecord>(
        String apiVersion, Class<T> stored, Class<V> type, Function<T, V> toServed, Function<V, T> toStored,
        TablePrinter<V> printer) {

    /** The kind of {@code type} at the version it is stored at. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> ServedVersion<T, T> stored(ResourceType<T> type) {
        return new ServedVersion<>(type.kind().apiVersion(), type.type(), type.type(), Function.identity(),
                Function.identity(), (TablePrinter<T>) Printers.of(type.kind()));
    }

    /** Whether this is the stored version, converting nothing. */
    public boolean isStored() {
        return stored == type;
    }

    /** A stored object as this version serves it. */
    public ObjectNode write(T object) {
        return ApiJson.write(toServed.apply(object));
    }

    /** A stored object, of any record type the caller holds it as, converted to this version. */
    public V served(SpecificRecord object) {
        return toServed.apply(stored.cast(object));
    }

    /** A list of served stored objects ({@code items}) as this version serves it. */
    public ObjectNode list(ObjectNode list) {
        if (isStored()) {
            return list;
        }
        ObjectNode converted = list.deepCopy();
        converted.put("apiVersion", apiVersion);
        ArrayNode items = converted.putArray("items");
        list.path("items").forEach(item -> items.add(write(ApiJson.read(item, stored))));
        return converted;
    }

    /** A body of this version, read and converted to the stored version (422 naming a field at fault). */
    public T read(Admission admission, ResourceType<T> resource, JsonNode body) {
        return admission.read(resource, body, type, toStored);
    }
}

package io.korch.gateway.printing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import io.korch.printing.TablePrinter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts an answer as served — one object, or a list {@code {kind: PodList, metadata, items}} —
 * to what a {@link Conversion} asks: a Table with a row per object, a {@code PartialObjectMetadata}
 * of one object, or a {@code PartialObjectMetadataList} of a list. Asking for one object's shape of
 * a list, or a list's of one object, is refused with 406, as the API server does.
 */
public final class Conversions {

    private Conversions() {
    }

    /**
     * {@code body} converted as {@code conversion} asks.
     *
     * @param printer the columns and cells of the objects' kind
     * @param include what each Table row carries of its object
     * @param now     the time ages are counted to
     * @throws ApiError 406 when the shape asked for does not fit the answer
     */
    public static ObjectNode convert(Conversion conversion, TablePrinter<?> printer, JsonNode body,
                                     IncludeObject include, Instant now) {
        boolean list = body.path("items").isArray();
        String apiVersion = conversion.apiVersion();
        return switch (conversion.target()) {
            case TABLE -> list ? listTable(apiVersion, printer, body, include, now)
                    : TableJson.table(apiVersion, TableJson.metadataOf(body), printer.columns(),
                            List.of(row(apiVersion, printer, body, include, now)));
            case PARTIAL_OBJECT_METADATA -> {
                if (list) {
                    throw notAcceptable("you requested PartialObjectMetadata, but the requested object is a list ("
                            + body.path("kind").asText() + ")");
                }
                yield PartialObjectMetadataJson.of(apiVersion, body);
            }
            case PARTIAL_OBJECT_METADATA_LIST -> {
                if (!list) {
                    throw notAcceptable("you requested PartialObjectMetadataList, but the requested object is not a"
                            + " list (" + body.path("kind").asText() + ")");
                }
                yield PartialObjectMetadataJson.list(apiVersion, body);
            }
        };
    }

    private static ObjectNode listTable(String apiVersion, TablePrinter<?> printer, JsonNode list,
                                        IncludeObject include, Instant now) {
        List<ObjectNode> rows = new ArrayList<>();
        list.path("items").forEach(item -> rows.add(row(apiVersion, printer, item, include, now)));
        JsonNode metadata = list.path("metadata");
        return TableJson.table(apiVersion, metadata.isObject() ? metadata.deepCopy() : ApiJson.MAPPER.createObjectNode(),
                printer.columns(), rows);
    }

    private static ObjectNode row(String apiVersion, TablePrinter<?> printer, JsonNode object, IncludeObject include,
                                  Instant now) {
        return TableJson.row(printer, ApiJson.read(object, printer.type()), object, include, apiVersion, now);
    }

    private static ApiError notAcceptable(String message) {
        return new ApiError(406, "NotAcceptable", message, null);
    }
}

package io.korch.gateway.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.printing.Conversion;
import io.korch.gateway.printing.IncludeObject;
import io.korch.gateway.printing.PartialObjectMetadataJson;
import io.korch.gateway.printing.TableJson;
import io.korch.json.ApiJson;
import io.korch.printing.Printers;
import io.korch.printing.TablePrinter;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a watch's changes converted as the API server converts them for a watch that asked for a
 * {@code meta.k8s.io} shape:
 *
 * <ul>
 *   <li>Table: each event's object is a Table of one row, the changed object's (events use the
 *       event columns); only the first carries the column definitions, the later ones
 *       {@code "columnDefinitions": null}, as the API server stops sending headers after the first
 *       object of a watch. Ages are counted when the line is written.</li>
 *   <li>PartialObjectMetadata: each event's object, and each bookmark's, is a
 *       {@code PartialObjectMetadata}.</li>
 * </ul>
 *
 * A watch asking for a {@code PartialObjectMetadataList} gets the objects as they are: a watch
 * delivers single objects, and the API server sends those unconverted when the conversion does not
 * apply ({@link #of}). Lines are written for one watch, not shared.
 */
public final class ConvertedWatchEncoding implements WatchEncoding {

    private final Conversion conversion;
    private final IncludeObject include;
    private final Clock clock;
    private final TablePrinter<?> printer;
    private boolean columnsWritten;

    private ConvertedWatchEncoding(Conversion conversion, IncludeObject include, Clock clock, TablePrinter<?> printer) {
        this.conversion = conversion;
        this.include = include;
        this.clock = clock;
        this.printer = printer;
    }

    /**
     * The encoding of a watch that asked for {@code conversion} (null: none), with Table rows
     * carrying what {@code include} says of their objects.
     */
    public static WatchEncoding of(Conversion conversion, IncludeObject include, Clock clock) {
        return of(conversion, include, clock, null);
    }

    /**
     * The encoding of a watch that asked for {@code conversion} (null: none), its Table rows printed
     * by {@code printer} (null: the printer of each change's kind).
     */
    public static WatchEncoding of(Conversion conversion, IncludeObject include, Clock clock, TablePrinter<?> printer) {
        if (conversion == null || conversion.target() == Conversion.Target.PARTIAL_OBJECT_METADATA_LIST) {
            return OBJECTS;
        }
        return new ConvertedWatchEncoding(conversion, include, clock, printer);
    }

    @Override
    public synchronized byte[] line(ObjectChange change) {
        SpecificRecord object = change.object();
        JsonNode json = ApiJson.write(object);
        ObjectNode converted;
        if (conversion.target() == Conversion.Target.TABLE) {
            TablePrinter<?> printer = this.printer != null ? this.printer : Printers.of(change.kind());
            ObjectNode row = TableJson.row(printer, object, json, include, conversion.apiVersion(), clock.instant());
            converted = TableJson.table(conversion.apiVersion(), TableJson.metadataOf(json),
                    columnsWritten ? null : printer.columns(), List.of(row));
            columnsWritten = true;
        } else {
            converted = PartialObjectMetadataJson.of(conversion.apiVersion(), json);
        }
        ObjectNode event = ApiJson.MAPPER.createObjectNode();
        event.put("type", change.type().name());
        event.set("object", converted);
        return ObjectChange.lineOf(event);
    }

    @Override
    public ObjectNode bookmark(String apiVersion, String kind, String resourceVersion) {
        ObjectNode bookmark = WatchEncoding.super.bookmark(apiVersion, kind, resourceVersion);
        if (conversion.target() == Conversion.Target.PARTIAL_OBJECT_METADATA) {
            return PartialObjectMetadataJson.withMetadata(conversion.apiVersion(), bookmark.path("metadata"));
        }
        return bookmark;
    }
}

package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Prints objects a few at a time, as {@code korch get --watch} receives them: table rows under a
 * header printed once, in columns that widen when a row needs it but never narrow; YAML documents
 * separated by {@code ---}; indented JSON objects; or {@code kind/name}. Each batch is flushed.
 */
public final class ObjectStream {

    private final ApiKind kind;
    private final OutputFormat format;
    private final boolean allNamespaces;
    private final Clock clock;
    private final PrintWriter out;
    private int[] widths;
    private boolean printedAny;

    /**
     * @param format        the {@code -o} format, or null for the table
     * @param allNamespaces whether tables of namespaced kinds get a NAMESPACE column
     * @param clock         the time ages are computed at, read for each batch
     */
    public ObjectStream(ApiKind kind, OutputFormat format, boolean allNamespaces, Clock clock, PrintWriter out) {
        this.kind = kind;
        this.format = format;
        this.allNamespaces = allNamespaces;
        this.clock = clock;
        this.out = out;
    }

    /** Prints {@code objects}, all of the stream's kind, in the order given. */
    public void print(List<JsonNode> objects) {
        if (objects.isEmpty()) {
            return;
        }
        if (format == OutputFormat.json || format == OutputFormat.yaml || format == OutputFormat.name) {
            objects.forEach(this::printOne);
        } else {
            printRows(objects);
        }
        printedAny = true;
        out.flush();
    }

    private void printOne(JsonNode object) {
        switch (format) {
            case json -> out.print(ObjectFormats.json(ObjectFormats.withKind(kind, object)));
            case yaml -> {
                if (printedAny) {
                    out.print("---\n");
                }
                out.print(ObjectFormats.yaml(ObjectFormats.withKind(kind, object)));
                printedAny = true;
            }
            default -> out.println(ResourceNames.slashed(kind, object.path("metadata").path("name").asText()));
        }
    }

    private void printRows(List<JsonNode> objects) {
        List<SpecificRecord> records = new ArrayList<>();
        for (JsonNode object : objects) {
            records.add(ApiJson.read(object, kind.type()));
        }
        Table table = ObjectTables.table(kind, records,
                new ObjectTables.Options(format == OutputFormat.wide, allNamespaces, clock.instant()));
        int[] natural = table.widths();
        boolean withHeader = widths == null;
        if (withHeader) {
            widths = natural;
        } else {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], natural[c]);
            }
        }
        out.print(table.render(widths, withHeader));
    }
}

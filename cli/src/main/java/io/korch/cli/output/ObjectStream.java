package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * Prints objects a few at a time, as {@code korch get --watch} receives them: table rows under a
 * header printed once, in columns that widen when a row needs it but never narrow; YAML documents
 * separated by {@code ---}; indented JSON objects; each object's JSONPath output; custom-column
 * rows; or {@code kind/name}. Each batch is flushed.
 */
public final class ObjectStream {

    private final ObjectPrinter printer;
    private final OutputOption output;
    private final ApiKind kind;
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
        this(kind, format == null ? OutputOption.TABLE : OutputOption.parse(format.name()),
                new ObjectPrinter.Layout(allNamespaces, false, false), clock, out);
    }

    /**
     * @param output the parsed {@code -o} value
     * @param layout the table layout: NAMESPACE and LABELS columns, header or not
     * @param clock  the time ages are computed at, read for each batch
     */
    public ObjectStream(ApiKind kind, OutputOption output, ObjectPrinter.Layout layout, Clock clock, PrintWriter out) {
        this.printer = new ObjectPrinter(kind, output, layout);
        this.output = output;
        this.kind = kind;
        this.clock = clock;
        this.out = out;
    }

    /** Prints {@code objects}, all of the stream's kind, in the order given. */
    public void print(List<JsonNode> objects) {
        if (objects.isEmpty()) {
            return;
        }
        if (output.table()) {
            printRows(objects);
        } else if (output.format() == OutputFormat.customColumns) {
            out.print(output.customColumns().render(printer.withKinds(objects), !printedAny && !printer.noHeaders()));
        } else if (output.format() == OutputFormat.name) {
            out.print(printer.names(objects));
        } else {
            objects.forEach(this::printDocument);
        }
        printedAny = true;
        out.flush();
    }

    private void printDocument(JsonNode object) {
        if (output.format() == OutputFormat.yaml && printedAny) {
            out.print("---\n");
        }
        out.print(printer.document(ObjectFormats.withKind(kind, object)));
        printedAny = true;
    }

    private void printRows(List<JsonNode> objects) {
        Table table = printer.table(objects, clock.instant());
        int[] natural = table.widths();
        boolean withHeader = widths == null && !printer.noHeaders();
        if (widths == null) {
            widths = natural;
        } else {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], natural[c]);
            }
        }
        out.print(table.render(widths, withHeader));
    }
}

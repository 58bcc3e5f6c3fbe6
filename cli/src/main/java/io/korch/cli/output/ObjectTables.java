package io.korch.cli.output;

import io.korch.api.ObjectMeta;
import io.korch.model.ApiKind;
import io.korch.printing.Column;
import io.korch.printing.Printers;
import io.korch.printing.TablePrinter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * The tables of {@code korch get}: the columns and cells of each kind's {@link TablePrinter} (the
 * same the gateway serves as a {@code meta.k8s.io} Table), as kubectl lays them out. The normal
 * columns are shown, and the wide ones too with {@code -o wide}; headers are upper-cased:
 *
 * <ul>
 *   <li>pods: {@code NAME READY STATUS RESTARTS AGE}, wide adds {@code IP NODE}</li>
 *   <li>deployments: {@code NAME READY UP-TO-DATE AVAILABLE AGE}, wide adds {@code CONTAINERS IMAGES SELECTOR}</li>
 *   <li>replicasets: {@code NAME DESIRED CURRENT READY AGE}, wide adds {@code CONTAINERS IMAGES SELECTOR}</li>
 *   <li>nodes: {@code NAME STATUS ROLES AGE VERSION}, wide adds {@code INTERNAL-IP CPU MEMORY}</li>
 *   <li>namespaces: {@code NAME STATUS AGE}</li>
 * </ul>
 *
 * With {@code allNamespaces}, namespaced kinds get a leading {@code NAMESPACE} column.
 */
public final class ObjectTables {

    private ObjectTables() {
    }

    /** How to lay a table out. */
    public record Options(boolean wide, boolean allNamespaces, Instant now) {
    }

    /** The table of {@code objects}, all of {@code kind}, in the order given. */
    public static Table table(ApiKind kind, List<? extends SpecificRecord> objects, Options options) {
        return table(Printers.of(kind), objects, options.wide(), options.allNamespaces() && kind.namespaced(),
                options.now());
    }

    /**
     * The table of {@code objects} as {@code printer} shows them, in the order given: its normal
     * columns, and its wide ones when {@code wide}; a leading NAMESPACE column when
     * {@code withNamespace}; ages counted to {@code now}.
     */
    public static Table table(TablePrinter<?> printer, List<? extends SpecificRecord> objects, boolean wide,
                              boolean withNamespace, Instant now) {
        List<Column> columns = printer.columns();
        List<String> headers = new ArrayList<>();
        if (withNamespace) {
            headers.add("NAMESPACE");
        }
        columns.stream().filter(c -> c.shown(wide)).forEach(c -> headers.add(c.name().toUpperCase(Locale.ROOT)));
        Table table = Table.of(headers);
        for (SpecificRecord object : objects) {
            List<Object> cells = printer.cellsOf(object, now);
            List<String> shown = new ArrayList<>();
            if (withNamespace) {
                shown.add(metadata(object).getNamespace());
            }
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).shown(wide)) {
                    Object cell = cells.get(c);
                    shown.add(cell == null ? null : cell.toString());
                }
            }
            table.row(shown);
        }
        return table;
    }

    private static ObjectMeta metadata(SpecificRecord object) {
        return (ObjectMeta) object.get(object.getSchema().getField("metadata").pos());
    }
}

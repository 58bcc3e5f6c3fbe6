package io.korch.gateway.conversion;

import io.korch.printing.Column;
import io.korch.printing.RowCondition;
import io.korch.printing.TablePrinter;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Prints objects of another version of a kind with the printer of its stored version, converting
 * each object first, so that both versions show the same columns, as the API server's Tables do.
 *
 * @param type      the served version's record class
 * @param printer   the stored version's printer
 * @param toStored  converts a served object to the stored version
 * @param <V>       the served type
 * @param <T>       the stored type
 */
record ConvertedPrinter<V extends SpecificRecord, T extends SpecificRecord>(
        Class<V> type, TablePrinter<T> printer, Function<V, T> toStored) implements TablePrinter<V> {

    @Override
    public List<Column> columns() {
        return printer.columns();
    }

    @Override
    public List<Object> cells(V object, Instant now) {
        return printer.cells(toStored.apply(object), now);
    }

    @Override
    public List<RowCondition> conditions(V object) {
        return printer.conditions(toStored.apply(object));
    }
}

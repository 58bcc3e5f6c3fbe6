package io.korch.printing;

import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * How objects of one type are shown as table rows: the columns, every one of them (normal and
 * wide, as the API server's Table carries them), and each object's cells in the same order. A
 * cell is a {@link String} or a number; a value the object lacks is {@code <none>}, as kubectl
 * shows it. Ages are counted to the {@code now} given.
 *
 * @param <T> the object type
 */
public interface TablePrinter<T extends SpecificRecord> {

    /** The record class printed. */
    Class<T> type();

    /** Every column, normal and wide, in order. */
    List<Column> columns();

    /** One cell per column of {@link #columns()}. */
    List<Object> cells(T object, Instant now);

    /** The row's conditions; none by default. */
    default List<RowCondition> conditions(T object) {
        return List.of();
    }

    /**
     * The cells of an object of this printer's type, given as any record.
     *
     * @throws ClassCastException when it is of another type
     */
    default List<Object> cellsOf(SpecificRecord object, Instant now) {
        return cells(type().cast(object), now);
    }

    /** The conditions of an object of this printer's type, given as any record. */
    default List<RowCondition> conditionsOf(SpecificRecord object) {
        return conditions(type().cast(object));
    }
}

package io.korch.cli.output;

import java.util.Collections;
import java.util.List;

/** Tables as {@code --no-headers} prints them: columns as wide as their cells, not their headers. */
public final class TableHeaders {

    private TableHeaders() {
    }

    /** The rows of {@code table} without its header line, aligned to their own widths. */
    public static String renderWithout(Table table) {
        List<List<String>> lines = table.lines();
        Table blank = Table.of(Collections.nCopies(lines.get(0).size(), ""));
        lines.subList(1, lines.size()).forEach(blank::row);
        return blank.render(new int[0], false);
    }

    /** {@code table} with its header line, or without it as {@link #renderWithout}. */
    public static String render(Table table, boolean withHeader) {
        return withHeader ? table.render() : renderWithout(table);
    }
}

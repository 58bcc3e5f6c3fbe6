package io.korch.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table in kubectl's style: upper-case headers, left-aligned columns separated by
 * three spaces, no borders, and no padding after the last column.
 *
 * <pre>{@code
 * NAME    READY   STATUS    RESTARTS   AGE
 * web-1   1/1     Running   0          5m
 * }</pre>
 */
public final class Table {

    private static final String GAP = "   ";

    private final List<String> headers;
    private final boolean upperCase;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers, boolean upperCase) {
        this.headers = List.copyOf(headers);
        this.upperCase = upperCase;
    }

    /** A table with these column headers, in order. */
    public static Table of(String... headers) {
        return new Table(Arrays.asList(headers), true);
    }

    /** A table with these column headers, in order. */
    public static Table of(List<String> headers) {
        return new Table(headers, true);
    }

    /** A table with these column headers printed as given, not upper-cased: {@code CPU(cores)}. */
    public static Table verbatim(List<String> headers) {
        return new Table(headers, false);
    }

    /**
     * Adds a row; a null cell renders as {@code <none>}.
     *
     * @throws IllegalArgumentException when the row has not one cell per column
     */
    public Table row(String... cells) {
        return row(Arrays.asList(cells));
    }

    /** Adds a row; a null cell renders as {@code <none>}. */
    public Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(cells.stream().map(cell -> cell == null ? "<none>" : cell).toList());
        return this;
    }

    /** The header row as given (not upper-cased) followed by every row. */
    public List<List<String>> lines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        lines.addAll(rows);
        return lines;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as text, one line per row after the header line, each ending with a newline. */
    public String render() {
        return render(widths(), true);
    }

    /** Each column's natural width: that of its widest cell or header. */
    public int[] widths() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }

    /**
     * The table as text with every column at least {@code minimumWidths[c]} wide, so that tables
     * printed one after another line up; with or without the header line.
     */
    public String render(int[] minimumWidths, boolean withHeader) {
        int[] widths = widths();
        for (int c = 0; c < widths.length && c < minimumWidths.length; c++) {
            widths[c] = Math.max(widths[c], minimumWidths[c]);
        }
        StringBuilder out = new StringBuilder();
        if (withHeader) {
            appendLine(out, upperCase ? headers.stream().map(String::toUpperCase).toList() : headers, widths);
        }
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}

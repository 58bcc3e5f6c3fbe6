package io.korch.cli.output;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the lines of a {@code describe} report in kubectl's layout: nested levels indented by
 * two spaces, {@code Key:<tab>value} cells aligned per block by a {@link TabWriter} with a padding
 * of two.
 */
public final class DescribeWriter {

    private static final int PADDING = 2;

    private final StringBuilder text = new StringBuilder();

    /** Writes one line at nesting {@code level}; tabs separate cells to align. */
    public DescribeWriter line(int level, String line) {
        text.append("  ".repeat(level)).append(line).append('\n');
        return this;
    }

    /** Writes {@code Key:<tab>value}; a null or empty value shows as {@code <none>}. */
    public DescribeWriter field(int level, String key, Object value) {
        String shown = value == null || value.toString().isEmpty() ? "<none>" : value.toString();
        return line(level, key + ":\t" + shown);
    }

    /** Writes a map as kubectl does labels: one {@code key=value} per line, sorted, aligned under the first. */
    public DescribeWriter map(int level, String key, Map<String, String> entries, String separator) {
        if (entries == null || entries.isEmpty()) {
            return field(level, key, "<none>");
        }
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            String cell = entry.getKey() + separator + entry.getValue();
            line(level, (first ? key + ":" : "") + "\t" + cell);
            first = false;
        }
        return this;
    }

    /**
     * Writes a table at {@code level} as kubectl does in reports: headers as given, underlined
     * with dashes, columns aligned with the report's padding.
     */
    public DescribeWriter table(int level, Table table) {
        List<List<String>> lines = table.lines();
        line(level, String.join("\t", lines.get(0)));
        line(level, String.join("\t", lines.get(0).stream().map(h -> "-".repeat(h.length())).toList()));
        for (List<String> row : lines.subList(1, lines.size())) {
            line(level, String.join("\t", row));
        }
        return this;
    }

    /** The aligned report. */
    public String render() {
        return new TabWriter(PADDING).align(text.toString());
    }
}

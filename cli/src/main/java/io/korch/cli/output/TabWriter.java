package io.korch.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligns tab-separated text into columns with the rules of Go's {@code text/tabwriter}, which
 * kubectl's {@code describe} output is made with: a cell is text ended by a tab; consecutive lines
 * that have a cell in the same column form a block, padded to the widest cell of that block plus
 * the padding; the text after the last tab of a line is never padded. A line without tabs ends
 * every block, so sections separated by headings align independently.
 */
public final class TabWriter {

    private final int padding;

    /** A writer that puts at least {@code padding} spaces after each cell. */
    public TabWriter(int padding) {
        this.padding = padding;
    }

    /** {@code text} (lines ending with newlines, cells ending with tabs) with its columns aligned. */
    public String align(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(Arrays.asList(line.split("\t", -1)));
        }
        boolean endsWithNewline = text.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder out = new StringBuilder();
        format(lines, 0, lines.size(), new ArrayList<>(), out);
        if (!endsWithNewline && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Formats lines [from, to) whose first {@code widths.size()} columns are already sized. */
    private void format(List<List<String>> lines, int from, int to, List<Integer> widths, StringBuilder out) {
        int column = widths.size();
        int start = from;
        for (int current = from; current < to; current++) {
            if (column >= lines.get(current).size() - 1) {
                continue;
            }
            write(lines, start, current, widths, out);
            start = current;
            int width = 0;
            for (; current < to && column < lines.get(current).size() - 1; current++) {
                width = Math.max(width, lines.get(current).get(column).length() + padding);
            }
            widths.add(width);
            format(lines, start, current, widths, out);
            widths.remove(widths.size() - 1);
            start = current;
            current--;
        }
        write(lines, start, to, widths, out);
    }

    private static void write(List<List<String>> lines, int from, int to, List<Integer> widths, StringBuilder out) {
        for (int i = from; i < to; i++) {
            List<String> cells = lines.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c);
                line.append(cell);
                if (c < cells.size() - 1 && c < widths.size()) {
                    line.append(" ".repeat(Math.max(0, widths.get(c) - cell.length())));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}

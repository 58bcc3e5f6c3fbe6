package io.korch.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts in unified form, as {@code diff -u} prints it: hunks headed
 * {@code @@ -start,count +start,count @@}, lines only before prefixed {@code -}, lines only after
 * {@code +}, and up to {@code context} unchanged lines around each change prefixed by a space.
 *
 * <p>Lines are matched by a longest common subsequence, computed after setting aside the common
 * head and tail, so the usual small change to a long text stays cheap. Should the differing middle
 * still be huge, it is shown as all removed then all added.
 */
public final class LineDiff {

    /** Beyond this many cells the LCS table is not built. */
    private static final long MAX_TABLE_CELLS = 4_000_000L;

    /** What became of one line. */
    public enum Op {
        SAME(' '), REMOVED('-'), ADDED('+');

        private final char prefix;

        Op(char prefix) {
            this.prefix = prefix;
        }
    }

    /** One line of the diff. */
    public record Edit(Op op, String line) {
    }

    private LineDiff() {
    }

    /** The lines of both texts in order, each marked kept, removed or added; removals before additions. */
    public static List<Edit> edits(List<String> before, List<String> after) {
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        before.subList(0, head).forEach(line -> edits.add(new Edit(Op.SAME, line)));
        middle(before.subList(head, before.size() - tail), after.subList(head, after.size() - tail), edits);
        before.subList(before.size() - tail, before.size()).forEach(line -> edits.add(new Edit(Op.SAME, line)));
        return edits;
    }

    /** The hunks of the unified diff, one string per line without line ends; empty when the texts are equal. */
    public static List<String> unified(List<String> before, List<String> after, int context) {
        List<Edit> edits = edits(before, after);
        int[] oldLines = new int[edits.size() + 1];
        int[] newLines = new int[edits.size() + 1];
        for (int i = 0; i < edits.size(); i++) {
            Op op = edits.get(i).op();
            oldLines[i + 1] = oldLines[i] + (op == Op.ADDED ? 0 : 1);
            newLines[i + 1] = newLines[i] + (op == Op.REMOVED ? 0 : 1);
        }
        List<String> out = new ArrayList<>();
        int next = 0;
        while (next < edits.size()) {
            if (edits.get(next).op() == Op.SAME) {
                next++;
                continue;
            }
            int start = Math.max(0, next - context);
            int stop = Math.min(edits.size(), lastChangeOfHunk(edits, next, context) + 1 + context);
            out.add("@@ -" + range(oldLines[start], oldLines[stop]) + " +" + range(newLines[start], newLines[stop]) + " @@");
            for (Edit edit : edits.subList(start, stop)) {
                out.add(edit.op().prefix + edit.line());
            }
            next = stop;
        }
        return out;
    }

    /** The last change that shares a hunk with the change at {@code first}: no more than 2 × context unchanged lines apart. */
    private static int lastChangeOfHunk(List<Edit> edits, int first, int context) {
        int last = first;
        int unchanged = 0;
        for (int i = first + 1; i < edits.size() && unchanged <= 2 * context; i++) {
            if (edits.get(i).op() == Op.SAME) {
                unchanged++;
            } else {
                last = i;
                unchanged = 0;
            }
        }
        return last;
    }

    /** {@code start,count} of the lines numbered {@code from + 1 .. to}; an empty range names the line before it. */
    private static String range(int from, int to) {
        int count = to - from;
        return (count == 0 ? from : from + 1) + "," + count;
    }

    private static void middle(List<String> before, List<String> after, List<Edit> edits) {
        if ((long) (before.size() + 1) * (after.size() + 1) > MAX_TABLE_CELLS) {
            before.forEach(line -> edits.add(new Edit(Op.REMOVED, line)));
            after.forEach(line -> edits.add(new Edit(Op.ADDED, line)));
            return;
        }
        // common[i][j]: length of the longest common subsequence of before[i..] and after[j..]
        int[][] common = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                edits.add(new Edit(Op.SAME, before.get(i++)));
                j++;
            } else if (j == after.size() || (i < before.size() && common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit(Op.REMOVED, before.get(i++)));
            } else {
                edits.add(new Edit(Op.ADDED, after.get(j++)));
            }
        }
    }
}

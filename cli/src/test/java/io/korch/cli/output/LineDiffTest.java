package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void findsNoHunksInEqualTexts() {
        assertThat(LineDiff.unified(List.of("a", "b"), List.of("a", "b"), 3)).isEmpty();
    }

    @Test
    void showsAChangedLineWithItsContextRemovalFirst() {
        // given
        List<String> before = numbered(10);
        List<String> after = new ArrayList<>(before);
        after.set(4, "five!");

        // when
        List<String> diff = LineDiff.unified(before, after, 2);

        // then
        assertThat(diff).containsExactly("@@ -3,5 +3,5 @@", " 3", " 4", "-5", "+five!", " 6", " 7");
    }

    @Test
    void keepsChangesFarApartInHunksOfTheirOwnAndNearOnesInOne() {
        // given: lines 2 and 4 change (one line apart), and line 19 (far from both)
        List<String> before = numbered(20);
        List<String> after = new ArrayList<>(before);
        after.set(1, "two");
        after.set(3, "four");
        after.set(18, "nineteen");

        // when
        List<String> diff = LineDiff.unified(before, after, 1);

        // then
        assertThat(diff).containsExactly(
                "@@ -1,5 +1,5 @@", " 1", "-2", "+two", " 3", "-4", "+four", " 5",
                "@@ -18,3 +18,3 @@", " 18", "-19", "+nineteen", " 20");
    }

    @Test
    void numbersPureInsertionsAndDeletionsAsDiffDoes() {
        // when
        List<String> added = LineDiff.unified(List.of("a", "b"), List.of("a", "b", "c"), 0);
        List<String> removed = LineDiff.unified(List.of("a", "b", "c"), List.of("b", "c"), 0);

        // then: an empty range names the line before it
        assertThat(added).containsExactly("@@ -2,0 +3,1 @@", "+c");
        assertThat(removed).containsExactly("@@ -1,1 +0,0 @@", "-a");
    }

    @Test
    void matchesTheLongestCommonSubsequenceNotJustTheFirstDifference() {
        // given: "x" moves from the front to the back
        List<String> before = List.of("x", "a", "b", "c");
        List<String> after = List.of("a", "b", "c", "x");

        // when
        List<LineDiff.Edit> edits = LineDiff.edits(before, after);

        // then
        assertThat(edits).extracting(LineDiff.Edit::op).containsExactly(
                LineDiff.Op.REMOVED, LineDiff.Op.SAME, LineDiff.Op.SAME, LineDiff.Op.SAME, LineDiff.Op.ADDED);
    }

    private static List<String> numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toList();
    }
}

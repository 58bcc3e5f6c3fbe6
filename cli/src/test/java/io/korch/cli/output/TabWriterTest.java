package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {

    @Test
    void alignsConsecutiveCellsPerBlockLikeGoTabwriter() {
        // given: two field blocks separated by a heading without tabs
        String text = "Name:\tweb\nNamespace:\tdefault\nContainers:\n  main:\n    Image:\tbusybox\n    Restart Count:\t0\n";

        // when
        String aligned = new TabWriter(2).align(text);

        // then: each block aligns to its own widest key plus two spaces
        assertThat(aligned).isEqualTo(""
                + "Name:       web\n"
                + "Namespace:  default\n"
                + "Containers:\n"
                + "  main:\n"
                + "    Image:          busybox\n"
                + "    Restart Count:  0\n");
    }

    @Test
    void alignsEveryColumnOfATable() {
        // given
        String text = "Type\tReason\tMessage\nNormal\tScheduled\tassigned to node-1\nWarning\tBackOff\trestarting\n";

        // when
        String aligned = new TabWriter(2).align(text);

        // then
        assertThat(aligned).isEqualTo(""
                + "Type     Reason     Message\n"
                + "Normal   Scheduled  assigned to node-1\n"
                + "Warning  BackOff    restarting\n");
    }

    @Test
    void keepsLinesWithoutTabsAsTheyAre() {
        assertThat(new TabWriter(2).align("plain line\nanother\n")).isEqualTo("plain line\nanother\n");
    }
}

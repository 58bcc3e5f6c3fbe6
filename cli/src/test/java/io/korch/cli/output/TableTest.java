package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsWithThreeSpacesAndNoTrailingPadding() {
        // given
        Table table = Table.of("name", "ready", "status")
                .row("web-7d9f-abcde", "1/1", "Running")
                .row("db", "0/1", "Pending");

        // when
        String text = table.render();

        // then
        assertThat(text).isEqualTo(""
                + "NAME             READY   STATUS\n"
                + "web-7d9f-abcde   1/1     Running\n"
                + "db               0/1     Pending\n");
    }

    @Test
    void showsMissingCellsAsNone() {
        // given
        Table table = Table.of("NAME", "NODE", "AGE").row("web", null, "5m");

        // when
        String text = table.render();

        // then
        assertThat(text).contains("web    <none>   5m");
    }

    @Test
    void rendersRowsWithoutHeaderAtLeastAsWideAsAskedSoSuccessiveTablesLineUp() {
        // given
        Table first = Table.of("NAME", "STATUS", "AGE").row("web-7d9f-abcde", "Running", "5m");
        Table next = Table.of("NAME", "STATUS", "AGE").row("db", "Pending", "1s");

        // when
        String text = next.render(first.widths(), false);

        // then
        assertThat(first.widths()).containsExactly(14, 7, 3);
        assertThat(text).isEqualTo("db               Pending   1s\n");
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 2 cells");
    }
}

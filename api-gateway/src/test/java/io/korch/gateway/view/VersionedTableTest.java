package io.korch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests of offset-ordered application of records, including read-your-writes replays. */
class VersionedTableTest {

    private final VersionedTable<String> table = new VersionedTable<>();

    @Test
    void keepsTheNewestValueOfEachKey() {
        table.apply("a", "one", 1);
        table.apply("a", "two", 2);

        assertThat(table.get("a")).contains(new Versioned<>("two", 2));
    }

    @Test
    void ignoresARecordOlderThanTheOneApplied() {
        table.apply("a", "written", 5);

        boolean applied = table.apply("a", "replayed", 3);

        assertThat(applied).isFalse();
        assertThat(table.value("a")).isEqualTo("written");
    }

    @Test
    void aTombstoneDeletesAndAnOlderRecordCannotBringTheKeyBack() {
        table.apply("a", "live", 1);
        table.apply("a", null, 4);

        table.apply("a", "live", 1);

        assertThat(table.contains("a")).isFalse();
        assertThat(table.live()).isEmpty();
    }
}

package io.korch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.gateway.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tests of offset-ordered application of records, including read-your-writes replays, and of
 * forgetting tombstones once no older record of their key can arrive any more.
 */
class VersionedTableTest {

    private static final Duration RETENTION = Duration.ofMinutes(1);
    private static final Duration PAST_RETENTION = RETENTION.plusSeconds(1);

    private final TestClock clock = new TestClock();
    private final VersionedTable<String> table = new VersionedTable<>(clock, RETENTION);

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

    @Test
    void forgetsATombstoneTheLogPassedOnceItIsOlderThanTheRetention() {
        table.apply("a", "live", 1);
        table.apply("a", null, 4);
        clock.advance(PAST_RETENTION);

        int pruned = table.pruneTombstones();

        assertThat(pruned).isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void keepsARecentTombstone() {
        table.apply("a", null, 4);
        clock.advance(RETENTION.minusSeconds(1));

        assertThat(table.pruneTombstones()).isZero();
        assertThat(table.size()).isOne();
    }

    @Test
    void neverForgetsALiveEntry() {
        table.apply("a", "live", 1);
        clock.advance(Duration.ofDays(1));

        table.pruneTombstones();

        assertThat(table.value("a")).isEqualTo("live");
    }

    @Test
    void aChangeReplayedAfterTheDeletionOfItsRecordDoesNotBringItBack() {
        // a reader starting from the snapshot sees the deletion, then the log from a little before it
        table.apply("a", null, 7);
        table.apply("a", "created", 3);

        assertThat(table.contains("a")).isFalse();
        assertThat(table.size()).isOne();
    }

    @Test
    void aKeyCreatedAgainAfterItsTombstoneWasForgottenIsLive() {
        table.apply("a", "first", 1);
        table.apply("a", null, 2);
        clock.advance(PAST_RETENTION);
        table.pruneTombstones();

        table.apply("a", "second", 9);

        assertThat(table.get("a")).contains(new Versioned<>("second", 9));
    }
}

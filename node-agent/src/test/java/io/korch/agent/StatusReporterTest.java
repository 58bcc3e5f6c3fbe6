package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.LatestStatusReports.Latest;
import io.korch.agent.StatusReporter.Departure;
import io.korch.agent.StatusReporter.Writes;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When the status reporter may erase a pod's report, and when it must write it again: pure decisions. */
class StatusReporterTest {

    private static final String NODE = "node-1";
    private static final Writes NONE = Writes.NONE;
    private static final Writes IN_FLIGHT = new Writes(1, -1);
    private static final Writes ACKED_AT_7 = new Writes(0, 7);

    static Stream<Arguments> departures() {
        return Stream.of(
                Arguments.of("latest is this node's report", Latest.report(3, NODE, "u1"), NONE, Departure.TOMBSTONE),
                Arguments.of("latest is this node's own last write", Latest.report(7, NODE, "u1"), ACKED_AT_7,
                        Departure.TOMBSTONE),
                Arguments.of("pod recreated and reported on another node", Latest.report(9, "node-2", "u2"),
                        ACKED_AT_7, Departure.LEAVE),
                Arguments.of("another node's report, nothing written here", Latest.report(3, "node-2", "u2"), NONE,
                        Departure.LEAVE),
                Arguments.of("already tombstoned", Latest.tombstone(9), ACKED_AT_7, Departure.LEAVE),
                Arguments.of("unreadable report", Latest.report(9, null, null), ACKED_AT_7, Departure.LEAVE),
                Arguments.of("nothing on the topic, nothing written here", null, NONE, Departure.LEAVE),
                Arguments.of("own report in flight", Latest.report(3, "node-2", "u2"), IN_FLIGHT, Departure.WAIT),
                Arguments.of("own write not read back, older record of another node",
                        Latest.report(5, "node-2", "u2"), ACKED_AT_7, Departure.WAIT),
                Arguments.of("own write not read back, nothing read", null, ACKED_AT_7, Departure.WAIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departures")
    void decidesWhatBecomesOfTheReportOfADepartedPod(String situation, Latest latest, Writes own, Departure expected) {
        assertThat(StatusReporter.departure(NODE, latest, own)).isEqualTo(expected);
    }

    static Stream<Arguments> erasures() {
        return Stream.of(
                Arguments.of("tombstone after own last write", Latest.tombstone(9), ACKED_AT_7, true),
                Arguments.of("tombstone before own last write", Latest.tombstone(5), ACKED_AT_7, false),
                Arguments.of("another node's report after own last write", Latest.report(9, "node-2", "u2"),
                        ACKED_AT_7, false),
                Arguments.of("own last write is the latest", Latest.report(7, NODE, "u1"), ACKED_AT_7, false),
                Arguments.of("own write in flight", Latest.tombstone(9), new Writes(1, 7), false),
                Arguments.of("nothing written here yet", Latest.tombstone(9), NONE, false),
                Arguments.of("nothing read", null, ACKED_AT_7, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erasures")
    void reportsAgainOnlyWhenSomeoneTombstonedItsLastReport(String situation, Latest latest, Writes own,
                                                            boolean expected) {
        assertThat(StatusReporter.erasedAfterOwnWrite(latest, own)).isEqualTo(expected);
    }
}

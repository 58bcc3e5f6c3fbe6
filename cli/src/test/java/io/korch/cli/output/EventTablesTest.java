package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.cli.testing.Cli;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables of {@code korch get events} and {@code korch events}, at {@link Cli#NOW}. */
class EventTablesTest {

    private static final EventTables.Options PLAIN = new EventTables.Options(false, false, Cli.NOW);

    private final List<Event> events = List.of(
            ClusterEvents.about("Pod", "web-1").normal(EventReasons.SCHEDULED)
                    .message("Successfully assigned default/web-1 to node-1").from("scheduler", null)
                    .at(ago(Duration.ofMinutes(6))).build(),
            ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF)
                    .message("Back-off 10s restarting failed container main in pod web-1 ")
                    .seen(3, ago(Duration.ofMinutes(5)), ago(Duration.ofMinutes(2))).build(),
            ClusterEvents.about("Node", "node-1").namespace(null).normal(EventReasons.NODE_READY)
                    .message("Node node-1 status is now: NodeReady").from("node-controller", "node-1")
                    .at(ago(Duration.ofSeconds(30))).build());

    private static Instant ago(Duration age) {
        return Cli.NOW.minus(age);
    }

    @Test
    void printsGetEventsInKubectlsColumnsWithTheAgeOfTheLastOccurrence() {
        assertThat(EventTables.get(events, PLAIN).render().lines()).containsExactly(
                "LAST SEEN   TYPE      REASON      OBJECT        MESSAGE",
                "6m          Normal    Scheduled   pod/web-1     Successfully assigned default/web-1 to node-1",
                "2m          Warning   BackOff     pod/web-1     Back-off 10s restarting failed container main in pod web-1",
                "30s         Normal    NodeReady   node/node-1   Node node-1 status is now: NodeReady");
    }

    @Test
    void addsSourceFirstSeenCountAndNameWhenWide() {
        Table table = EventTables.get(events.subList(1, 2), new EventTables.Options(true, false, Cli.NOW));

        assertThat(table.lines().get(0)).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "SOURCE", "MESSAGE",
                "FIRST SEEN", "COUNT", "NAME");
        assertThat(table.lines().get(1)).startsWith("2m", "Warning", "BackOff", "pod/web-1", "agent, node-1")
                .contains("5m", "3").last().asString().startsWith("web-1.");
    }

    @Test
    void printsEventsWithHowOftenAndOverHowLongARepeatedOneHappened() {
        assertThat(EventTables.events(events, PLAIN).render().lines()).containsExactly(
                "LAST SEEN         TYPE      REASON      OBJECT        MESSAGE",
                "6m                Normal    Scheduled   Pod/web-1     Successfully assigned default/web-1 to node-1",
                "2m (x3 over 5m)   Warning   BackOff     Pod/web-1     Back-off 10s restarting failed container main in pod web-1",
                "30s               Normal    NodeReady   Node/node-1   Node node-1 status is now: NodeReady");
    }

    @Test
    void leadsWithTheNamespaceOfEachEventAcrossNamespaces() {
        List<Event> shop = List.of(ClusterEvents.about("Pod", "db-1").namespace("shop").at(ago(Duration.ofMinutes(1)))
                .build());

        assertThat(EventTables.events(shop, new EventTables.Options(false, true, Cli.NOW)).render().lines())
                .containsExactly(
                        "NAMESPACE   LAST SEEN   TYPE     REASON    OBJECT     MESSAGE",
                        "shop        60s         Normal   Started   Pod/db-1   Started db-1");
        assertThat(EventTables.get(shop, new EventTables.Options(false, true, Cli.NOW)).lines().get(1))
                .startsWith("shop", "60s");
    }
}

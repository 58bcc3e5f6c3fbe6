package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static io.korch.cli.testing.ManifestTexts.namespace;
import static io.korch.cli.testing.ManifestTexts.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.testing.BrokerAndGateway;
import io.korch.cli.testing.Cli;
import io.korch.json.ApiJson;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The commands that show change — {@code get --watch}, {@code history}, {@code get --at} —
 * against a real API gateway over a real Kafka broker. Each test works in a namespace of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private BrokerAndGateway cluster;
    private EmbeddedKafkaBroker kafka;

    @BeforeAll
    void startGateway() {
        cluster = BrokerAndGateway.start();
        kafka = cluster.kafka();
    }

    @AfterAll
    void stopGateway() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void watchPrintsTheListThenARowForACreateAndForADeleteMadeMeanwhile() throws InterruptedException {
        // given
        applyAll(namespace("watching"), pod("first", "watching", "app=web"));
        Cli.Running watch = start("get", "pods", "-n", "watching", "-w");
        await().atMost(WAIT).until(() -> rowsOf(watch.out(), "first").size() == 1);

        // when
        applyAll(pod("second", "watching", "app=web"));
        await().atMost(WAIT).until(() -> rowsOf(watch.out(), "second").size() == 1);
        assertThat(run("delete", "pod", "second", "-n", "watching").exitCode()).isZero();
        await().atMost(WAIT).until(() -> rowsOf(watch.out(), "second").size() >= 2);
        Cli.Result result = watch.stop();

        // then: one header, the listed pod, then the created pod's row and its row when deleted
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME ").contains("STATUS");
        assertThat(lines.get(1)).startsWith("first ");
        assertThat(lines.subList(2, lines.size())).isNotEmpty().allMatch(line -> line.startsWith("second "));
        assertThat(lines).filteredOn(line -> line.startsWith("NAME")).hasSize(1);
    }

    @Test
    void watchRidesOutAGatewayRestartAndMissesNothingMadeMeanwhile() throws InterruptedException {
        // given
        applyAll(namespace("restarting"), pod("before", "restarting", "app=web"));
        Cli.Running watch = start("get", "pods", "-n", "restarting", "-w");
        await().atMost(WAIT).until(() -> rowsOf(watch.out(), "before").size() == 1);

        // when the gateway restarts, and a pod is created once it is back
        cluster.restartGateway();
        applyAll(pod("after", "restarting", "app=web"));
        await().atMost(WAIT).until(() -> rowsOf(watch.out(), "after").size() == 1);
        Cli.Result result = watch.stop();

        // then the watch went on: the new pod's row came on the same output, under the one header
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(line -> line.startsWith("NAME"))).hasSize(1);
        assertThat(rowsOf(result.out(), "before")).hasSize(1);
    }

    @Test
    void watchOnlyPrintsJustTheChangesOfTheNamedObjectAsYaml() throws InterruptedException {
        // given
        applyAll(namespace("watch-only"), pod("one", "watch-only", "app=v1"), pod("other", "watch-only", "app=v1"));
        Cli.Running watch = start("get", "pod", "one", "-n", "watch-only", "--watch-only", "-o", "yaml");

        // when: both pods change, again until one change comes after the command's list (earlier ones are in it)
        await().atMost(WAIT).untilAsserted(() -> {
            applyAll(pod("other", "watch-only", "app=v" + System.nanoTime()), pod("one", "watch-only", "app=v2"));
            assertThat(watch.out()).contains("app: v2");
        });
        Cli.Result result = watch.stop();

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("apiVersion: v1\nkind: Pod\n").contains("name: one").doesNotContain("name: other");
    }

    @Test
    void historyOfAPodCreatedChangedFourTimesAndDeletedShowsSixVersions() {
        // given
        applyAll(namespace("history"), pod("box", "history", "app=v1"));
        for (int version = 2; version <= 5; version++) {
            applyAll(pod("box", "history", "app=v" + version));
        }
        assertThat(run("delete", "pod", "box", "-n", "history").exitCode()).isZero();

        // when
        Cli.Result summary = run("history", "pod", "box", "-n", "history");
        Cli.Result yaml = run("history", "po/box", "-n", "history", "-o", "yaml");
        Cli.Result missing = run("history", "pod", "ghost", "-n", "history");

        // then
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        List<String> table = summary.out().lines().takeWhile(line -> !line.isEmpty()).toList();
        assertThat(table.get(0)).matches("REVISION +TIME +ACTOR +CHANGE");
        assertThat(table.subList(1, table.size())).extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                .containsExactly("ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED");
        assertThat(summary.out()).contains("\n-    app: v1\n+    app: v2\n", "\n-    app: v4\n+    app: v5\n");
        assertThat(yaml.out().split("\n---\n")).hasSize(6).allMatch(document -> document.startsWith("# revision "));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Error from server (NotFound): ");
    }

    @Test
    void getAtATimeBetweenTwoChangesShowsTheStateThenDeletedObjectsIncluded() throws IOException {
        // given: at "between", box was labelled v1 and gone still existed
        applyAll(namespace("travel"), pod("box", "travel", "app=v1"), pod("gone", "travel", "app=v1"));
        Instant between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(between.plusMillis(5)));
        applyAll(pod("box", "travel", "app=v2"));
        assertThat(run("delete", "pod", "gone", "-n", "travel").exitCode()).isZero();

        // when
        Cli.Result then = run("get", "pods", "-n", "travel", "--at", between.toString());
        Cli.Result boxThen = run("get", "pod", "box", "-n", "travel", "--at", between.toString(), "-o", "json");
        Cli.Result now = run("get", "pods", "-n", "travel", "-o", "name");

        // then
        assertThat(then.exitCode()).as(then.err()).isZero();
        assertThat(then.out().lines()).hasSize(3).element(2).asString().startsWith("gone ");
        assertThat(json(boxThen.out()).path("metadata").path("labels").path("app").asText()).isEqualTo("v1");
        assertThat(now.out()).isEqualTo("pod/box\n");
    }

    @Test
    void watchOfEventsPrintsTheListThenEachNewEventAndEachRepeatAndHistoryShowsEachCount() throws InterruptedException {
        // given an event seen once
        applyAll(namespace("eventful"));
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cluster.publish(backOff(first));
        await().atMost(WAIT).until(() -> run("get", "events", "-n", "eventful", "-o", "name").out().lines().count() == 1);
        Cli.Running watch = start("get", "events", "-n", "eventful", "-w");
        await().atMost(WAIT).until(() -> rowsWith(watch.out(), "BackOff").size() == 1);

        // when it happens again, twice, and something else happens
        cluster.publish(backOff(first.plusSeconds(1)));
        cluster.publish(backOff(first.plusSeconds(2)));
        cluster.publish(ClusterEvents.about("Pod", "crashing").namespace("eventful").at(first.plusSeconds(3)).build());
        await().atMost(WAIT).until(() -> rowsWith(watch.out(), "BackOff").size() == 3
                && rowsWith(watch.out(), "Started").size() == 1);
        Cli.Result result = watch.stop();
        String name = run("get", "events", "-n", "eventful", "-o", "name",
                "--field-selector", "reason=BackOff").out().strip().substring("event/".length());
        Cli.Result history = run("history", "event", name, "-n", "eventful", "-o", "yaml");

        // then: one header, the listed event, a row for each repeat and one for the new event
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("LAST SEEN").contains("REASON");
        assertThat(lines).filteredOn(line -> line.startsWith("LAST SEEN")).hasSize(1);
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.contains("BackOff") ? "BackOff" : "Started")
                .containsExactly("BackOff", "BackOff", "BackOff", "Started");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().split("\n---\n")).extracting(version -> version.lines()
                .filter(line -> line.startsWith("count: ")).findFirst().orElse(""))
                .containsExactly("count: 1", "count: 2", "count: 3");
    }

    private static io.korch.api.Event backOff(Instant at) {
        return ClusterEvents.about("Pod", "crashing").namespace("eventful").warning(EventReasons.BACK_OFF)
                .message("Back-off restarting failed container main").at(at).build();
    }

    /** The lines printed so far that mention {@code text}. */
    private static List<String> rowsWith(String out, String text) {
        return out.lines().filter(line -> line.contains(text)).toList();
    }

    private Cli.Result run(String... args) {
        return korch().withSystemClock().run(withServer(args));
    }

    private Cli.Running start(String... args) {
        return korch().withSystemClock().start(withServer(args));
    }

    private String[] withServer(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(cluster.gateway().url());
        return withServer.toArray(String[]::new);
    }

    private void applyAll(String... manifests) {
        Cli.Result result = korch().withStdin(String.join("---\n", manifests))
                .run("apply", "-f", "-", "--server", cluster.gateway().url());
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    /** The table rows of pod {@code name} printed so far. */
    private static List<String> rowsOf(String out, String name) {
        return out.lines().filter(line -> line.startsWith(name + " ")).toList();
    }

    private static JsonNode json(String text) throws IOException {
        return ApiJson.MAPPER.readTree(text);
    }
}

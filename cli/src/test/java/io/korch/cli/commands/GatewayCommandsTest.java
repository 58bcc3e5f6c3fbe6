package io.korch.cli.commands;

import static io.korch.cli.testing.Cli.korch;
import static io.korch.cli.testing.ManifestTexts.deployment;
import static io.korch.cli.testing.ManifestTexts.namespace;
import static io.korch.cli.testing.ManifestTexts.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.cli.testing.BrokerAndGateway;
import io.korch.cli.testing.Cli;
import io.korch.gateway.GatewayApp;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a real API gateway over a real Kafka broker (no controllers,
 * scheduler or agents: objects keep the state the gateway gives them). Each test works in a
 * namespace of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayCommandsTest {

    private BrokerAndGateway cluster;
    private EmbeddedKafkaBroker kafka;
    private GatewayApp gateway;

    @TempDir
    Path dir;

    @BeforeAll
    void startGateway() {
        cluster = BrokerAndGateway.start();
        kafka = cluster.kafka();
        gateway = cluster.gateway();
    }

    @AfterAll
    void stopGateway() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void appliesCreatesThenReportsUnchangedThenConfigured() throws IOException {
        // given
        Path file = write("app.yaml", namespace("apply") + "---\n" + deployment("web", "apply", 3));

        // when
        Cli.Result first = run("apply", "-f", file.toString());
        Cli.Result second = run("apply", "-f", file.toString());
        write("app.yaml", namespace("apply") + "---\n" + deployment("web", "apply", 4));
        Cli.Result third = run("apply", "-f", file.toString());

        // then
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("namespace/apply created\ndeployment.apps/web created\n");
        assertThat(second.out()).isEqualTo("namespace/apply unchanged\ndeployment.apps/web unchanged\n");
        assertThat(third.out()).isEqualTo("namespace/apply unchanged\ndeployment.apps/web configured\n");
        JsonNode live = json(run("get", "deployment", "web", "-n", "apply", "-o", "json").out());
        assertThat(live.path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void appliesNamespacesFirstFromADirectory() throws IOException {
        // given: the pod's file sorts before the namespace's
        Files.writeString(dir.resolve("a-pod.yaml"), pod("box", "ordered", "app=box"));
        Files.writeString(dir.resolve("b-namespace.yaml"), namespace("ordered"));

        // when
        Cli.Result result = run("apply", "-f", dir.toString());

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("namespace/ordered created\npod/box created\n");
    }

    @Test
    void reportsAServerRefusalOnOneLineAndExitsWithOne() {
        // given: a name the gateway refuses, and a valid pod after it
        String manifests = namespace("refused") + "---\n" + pod("Bad_Name", "refused", "app=x") + "---\n"
                + pod("good", "refused", "app=x");

        // when
        Cli.Result result = korch().withStdin(manifests).run("apply", "-f", "-", "--server", gateway.url());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error from server (Invalid): ").contains("Bad_Name");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEqualTo("namespace/refused created\npod/good created\n");
    }

    @Test
    void listsPodsAsATableFilteredByLabels() {
        // given
        applyAll(namespace("listing"), pod("web-1", "listing", "app=web"), pod("db-1", "listing", "app=db"));

        // when
        Cli.Result all = run("get", "pods", "-n", "listing");
        Cli.Result web = run("get", "po", "-n", "listing", "-l", "app=web");

        // then
        assertThat(all.out().lines()).containsExactly(
                "NAME    READY   STATUS    RESTARTS   AGE",
                "db-1    0/1     Pending   0          " + age(all.out(), 1),
                "web-1   0/1     Pending   0          " + age(all.out(), 2));
        assertThat(web.out().lines()).hasSize(2).last().asString().startsWith("web-1 ");
    }

    @Test
    void printsListsAsKubernetesListsInJsonAndYaml() {
        // given
        applyAll(namespace("formats"), pod("one", "formats", "app=x"), pod("two", "formats", "app=x"));

        // when
        JsonNode list = json(run("get", "pods", "-n", "formats", "-o", "json").out());
        JsonNode yaml = Manifests.parseOne(run("get", "pods", "-n", "formats", "-o", "yaml").out());
        Cli.Result names = run("get", "pods", "-n", "formats", "-o", "name");

        // then
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.path("items").get(0).path("kind").asText()).isEqualTo("Pod");
        assertThat(yaml).isEqualTo(list);
        assertThat(names.out()).isEqualTo("pod/one\npod/two\n");
    }

    @Test
    void saysWhenAListIsEmptyAndWhenAnObjectIsMissing() {
        // given
        applyAll(namespace("empty"));

        // when
        Cli.Result empty = run("get", "deployments", "-n", "empty");
        Cli.Result missing = run("get", "pod", "ghost", "-n", "empty");

        // then
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err()).isEqualTo("No resources found in empty namespace.\n");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Error from server (NotFound): ").contains("ghost");
    }

    @Test
    void scalesADeploymentThroughItsScaleSubresource() {
        // given
        applyAll(namespace("scaling"), deployment("web", "scaling", 3));

        // when
        Cli.Result result = run("scale", "deployment/web", "--replicas", "5", "-n", "scaling");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("deployment.apps/web scaled\n");
        JsonNode live = json(run("get", "deploy/web", "-n", "scaling", "-o", "json").out());
        assertThat(live.path("spec").path("replicas").asInt()).isEqualTo(5);
    }

    @Test
    void autoscalesADeploymentAsKubectlAutoscaleDoesAndShowsTheAutoscaler() {
        // given
        applyAll(namespace("autoscaling"), deployment("web", "autoscaling", 1));

        // when
        Cli.Result result = run("autoscale", "deployment/web", "--min", "2", "--max", "5", "--cpu-percent", "50",
                "-n", "autoscaling");
        Cli.Result missing = run("autoscale", "deployment/nope", "--max", "5", "-n", "autoscaling");
        Cli.Result inverted = run("autoscale", "deployment/web", "--min", "6", "--max", "5", "-n", "autoscaling");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("horizontalpodautoscaler.autoscaling/web autoscaled\n");
        JsonNode hpa = json(run("get", "hpa/web", "-n", "autoscaling", "-o", "json").out());
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("web");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(50);
        assertThat(run("get", "hpa", "-n", "autoscaling").out()).startsWith(
                "NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n"
                        + "web    Deployment/web   cpu: <unknown>/50%   2         5         0          ");
        assertThat(run("describe", "hpa", "web", "-n", "autoscaling").out())
                .contains("Reference:").contains("Deployment/web")
                .contains("resource cpu on pods  (as a percentage of request):  <unknown> / 50%");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("NotFound");
        assertThat(inverted.exitCode()).isEqualTo(1);
        assertThat(inverted.err()).contains("--min must be between 1 and --max (5), not 6");
    }

    @Test
    void deletesByNameAndFromAManifest() throws IOException {
        // given
        Path file = write("deleting.yaml", namespace("deleting") + "---\n" + pod("box", "deleting", "app=box"));
        run("apply", "-f", file.toString());
        applyAll(deployment("web", "deleting", 1));

        // when
        Cli.Result byName = run("delete", "deployment", "web", "-n", "deleting");
        Cli.Result fromFile = run("delete", "-f", file.toString());
        Cli.Result again = run("delete", "deployment", "web", "-n", "deleting");

        // then
        assertThat(byName.out()).isEqualTo("deployment.apps \"web\" deleted\n");
        assertThat(fromFile.out()).isEqualTo("pod \"box\" deleted\nnamespace \"deleting\" deleted\n");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("Error from server (NotFound): ");
    }

    @Test
    void deletesWithTheCascadeModeKubectlNamesAndRefusesAnUnknownOne() {
        // given
        applyAll(namespace("cascading"), deployment("kept", "cascading", 1), deployment("gone", "cascading", 1));

        // when
        Cli.Result orphaning = run("delete", "deployment", "kept", "-n", "cascading", "--cascade=orphan");
        Cli.Result unknown = run("delete", "deployment", "gone", "-n", "cascading", "--cascade", "sideways");
        Cli.Result foreground = run("delete", "deployment", "gone", "-n", "cascading", "--cascade=foreground");

        // then orphan reaches the API as propagationPolicy=Orphan; foreground is taken too
        assertThat(orphaning.exitCode()).isZero();
        assertThat(orphaning.out()).isEqualTo("deployment.apps \"kept\" deleted\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: --cascade must be background, orphan or foreground, not \"sideways\"\n");
        assertThat(foreground.exitCode()).as(foreground.err()).isZero();
        assertThat(foreground.out()).isEqualTo("deployment.apps \"gone\" deleted\n");
    }

    @Test
    void describesAPendingPodWithItsContainersAndEvents() {
        // given
        applyAll(namespace("describing"), pod("box", "describing", "app=box"));

        // when
        Cli.Result result = run("describe", "pod", "box", "-n", "describing");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Name:", "box", "Namespace:", "describing", "Status:", "Pending",
                "Containers:\n  main:\n", "korch/busybox:latest", "Events:");
    }

    @Test
    void listsEventsAggregatedOldestFirstOfANamespaceOfEveryOneAndOfOneObject() {
        // given: what the deployment controller and an agent record, minutes before the CLI's clock
        publish(ClusterEvents.about("Deployment", "web").namespace("eventful")
                .normal(EventReasons.SCALING_REPLICA_SET).message("Scaled up replica set web-7d9f from 0 to 1")
                .from("deployment-controller", null).at(ago(Duration.ofMinutes(10))).build());
        for (Duration age : List.of(Duration.ofMinutes(5), Duration.ofMinutes(4), Duration.ofMinutes(2))) {
            publish(ClusterEvents.about("Pod", "web-7d9f-x2x4q").namespace("eventful").warning(EventReasons.BACK_OFF)
                    .message("Back-off restarting failed container web").at(ago(age)).build());
        }
        publish(ClusterEvents.about("Pod", "db-1").namespace("elsewhere").at(ago(Duration.ofMinutes(1))).build());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(atNow("get", "events", "-A").out().lines()).hasSize(4));

        // when
        Cli.Result listed = atNow("get", "events", "-n", "eventful");
        Cli.Result everywhere = atNow("get", "events", "-A");
        Cli.Result ofDeployment = atNow("events", "--for", "deployment/web", "-n", "eventful");
        Cli.Result warnings = atNow("events", "-n", "eventful", "--types", "Warning");
        Cli.Result none = atNow("events", "--for", "pod/gone", "-n", "eventful");
        JsonNode json = json(atNow("get", "events", "-n", "eventful", "-o", "json").out());

        // then
        assertThat(listed.out().lines()).containsExactly(
                "LAST SEEN   TYPE      REASON              OBJECT               MESSAGE",
                "10m         Normal    ScalingReplicaSet   deployment/web       Scaled up replica set web-7d9f from 0 to 1",
                "2m          Warning   BackOff             pod/web-7d9f-x2x4q   Back-off restarting failed container web");
        assertThat(everywhere.out().lines()).first().asString().startsWith("NAMESPACE   LAST SEEN ");
        assertThat(everywhere.out().lines()).last().asString().startsWith("elsewhere   60s ");
        assertThat(ofDeployment.out().lines()).containsExactly(
                "LAST SEEN   TYPE     REASON              OBJECT           MESSAGE",
                "10m         Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set web-7d9f from 0 to 1");
        assertThat(warnings.out().lines()).containsExactly(
                "LAST SEEN         TYPE      REASON    OBJECT               MESSAGE",
                "2m (x3 over 5m)   Warning   BackOff   Pod/web-7d9f-x2x4q   Back-off restarting failed container web");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No events found in eventful namespace.\n");
        assertThat(json.path("kind").asText()).isEqualTo("List");
        assertThat(json.at("/items/1/kind").asText()).isEqualTo("Event");
        assertThat(json.at("/items/1/count").asInt()).isEqualTo(3);
    }

    /** Runs against the gateway with the CLI's clock fixed at {@link Cli#NOW}. */
    private Cli.Result atNow(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(gateway.url());
        return korch().run(withServer.toArray(String[]::new));
    }

    private static Instant ago(Duration age) {
        return Cli.NOW.minus(age);
    }

    private void publish(Event event) {
        cluster.publish(event);
    }

    private Cli.Result run(String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(gateway.url());
        return korch().withSystemClock().run(withServer.toArray(String[]::new));
    }

    private void applyAll(String... manifests) {
        Cli.Result result = korch().withStdin(String.join("---\n", manifests))
                .run("apply", "-f", "-", "--server", gateway.url());
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AGE cell of row {@code row} of a table: whatever the clock made of it. */
    private static String age(String table, int row) {
        String[] cells = table.lines().toList().get(row).split("\\s+");
        return cells[cells.length - 1];
    }
}

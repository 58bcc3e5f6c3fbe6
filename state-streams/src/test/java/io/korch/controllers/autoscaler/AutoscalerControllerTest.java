package io.korch.controllers.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.korch.api.ContainerUsage;
import io.korch.api.Event;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerCondition;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.PodUsage;
import io.korch.controllers.ControllersConfig;
import io.korch.streams.StreamsConfigs;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler controller's topology on a {@link TopologyTestDriver}, reading and setting scales on
 * a real HTTP server on loopback that stands in for the gateway's {@code scale} subresources.
 */
class AutoscalerControllerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration SYNC = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    private HttpServer gateway;
    private final List<String> scaleCalls = new CopyOnWriteArrayList<>();
    /** The replicas of each target the stand-in serves a Scale of, by its scale path. */
    private final Map<String, Integer> targets = new ConcurrentHashMap<>();
    private volatile int answer = 200;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, HorizontalPodAutoscalerStatus> statuses;
    private TestOutputTopic<String, Event> events;

    @BeforeEach
    void setUp() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/apis/apps/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer replicas = targets.get(path);
            int code = replicas == null ? 404 : exchange.getRequestMethod().equals("GET") ? 200 : answer;
            if (!exchange.getRequestMethod().equals("GET")) {
                scaleCalls.add(exchange.getRequestMethod() + " " + path + " " + body);
            }
            String[] parts = path.split("/");
            byte[] reply = (code == 200 ? "{\"kind\":\"Scale\",\"spec\":{\"replicas\":" + replicas
                    + "},\"status\":{\"replicas\":" + replicas + ",\"selector\":\"app=web\"}}"
                    : code == 404 ? "{\"kind\":\"Status\",\"message\":\"" + parts[6] + ".apps \\\"" + parts[7]
                    + "\\\" not found\"}"
                    : "{\"kind\":\"Status\",\"message\":\"the object has been modified\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        gateway.start();
        URI server = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        AutoscalerConfig autoscaler = new AutoscalerConfig(server, SYNC, Duration.ofSeconds(300), 0.1);
        ControllersConfig config = new ControllersConfig("127.0.0.1:1", "autoscaler-test", stateDir,
                Duration.ofSeconds(5)).withAutoscaler(autoscaler);
        driver = new TopologyTestDriver(AutoscalerController.topology(autoscaler, new HttpScaleClient(server)),
                StreamsConfigs.of(config.autoscalerStreams()), T0);
        statuses = driver.createOutputTopic(Topics.HPA_STATUS.name(), Topics.HPA_STATUS.keySerde().deserializer(),
                Topics.HPA_STATUS.valueSerde().deserializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().deserializer(),
                Topics.EVENTS.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        gateway.stop(0);
    }

    @Test
    void anAutoscalerOfAMissingTargetIsNotActiveAndSaysWhy() {
        input(Topics.HORIZONTAL_POD_AUTOSCALERS).pipeInput("default/web", AutoscalerFixtures.hpa(1, 5,
                AutoscalerFixtures.cpuPercent(50)));

        driver.advanceWallClockTime(SYNC);

        HorizontalPodAutoscalerStatus status = statuses.readValue();
        assertThat(condition(status, "ScalingActive")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("FailedGetScale");
            assertThat(c.getMessage()).isEqualTo(
                    "the HPA controller was unable to get the target's current scale: deployments.apps \"web\" not found");
        });
        assertThat(condition(status, "AbleToScale").getStatus()).isEqualTo("False");
        assertThat(events.readValuesToList()).extracting(Event::getReason).containsExactly("FailedGetScale");
        assertThat(scaleCalls).isEmpty();

        // the same finding a period later is neither written nor logged again
        driver.advanceWallClockTime(SYNC);
        assertThat(statuses.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aBusyTargetIsScaledUpThroughTheApi() {
        givenWebWithOnePodUsing(200);
        input(Topics.HORIZONTAL_POD_AUTOSCALERS).pipeInput("default/web", AutoscalerFixtures.hpa(1, 5,
                AutoscalerFixtures.cpuPercent(50)));

        driver.advanceWallClockTime(SYNC);

        // 200m of a 100m request is 200 %, four times the 50 % target
        assertThat(scaleCalls).containsExactly(
                "PATCH /apis/apps/v1/namespaces/default/deployments/web/scale {\"spec\":{\"replicas\":4}}");
        HorizontalPodAutoscalerStatus status = statuses.readValue();
        assertThat(status.getCurrentReplicas()).isEqualTo(1);
        assertThat(status.getDesiredReplicas()).isEqualTo(4);
        assertThat(status.getLastScaleTime()).isEqualTo(T0.plus(SYNC));
        assertThat(status.getCurrentMetrics().get(0).getResource().getCurrent().getAverageUtilization()).isEqualTo(200);
        assertThat(status.getCurrentMetrics().get(0).getResource().getCurrent().getAverageValue()).isEqualTo("200m");
        assertThat(condition(status, "AbleToScale").getReason()).isEqualTo("SucceededRescale");
        assertThat(condition(status, "ScalingActive").getReason()).isEqualTo("ValidMetricFound");
        assertThat(condition(status, "ScalingLimited").getStatus()).isEqualTo("False");
        assertThat(events.readValuesToList()).extracting(Event::getReason, Event::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SuccessfulRescale",
                        "New size: 4; reason: cpu resource utilization (percentage of request) above target"));
    }

    @Test
    void aRefusedScaleLeavesTheAutoscalerUnableToScaleAndIsTriedAgain() {
        answer = 409;
        givenWebWithOnePodUsing(200);
        input(Topics.HORIZONTAL_POD_AUTOSCALERS).pipeInput("default/web", AutoscalerFixtures.hpa(1, 5,
                AutoscalerFixtures.cpuPercent(50)));

        driver.advanceWallClockTime(SYNC);

        HorizontalPodAutoscalerCondition able = condition(statuses.readValue(), "AbleToScale");
        assertThat(able.getStatus()).isEqualTo("False");
        assertThat(able.getReason()).isEqualTo("FailedUpdateScale");
        assertThat(able.getMessage()).isEqualTo(
                "the HPA controller was unable to update the target scale: the object has been modified");

        answer = 200;
        driver.advanceWallClockTime(SYNC);
        assertThat(scaleCalls).hasSize(2);
        assertThat(condition(statuses.readValue(), "AbleToScale").getReason()).isEqualTo("SucceededRescale");
    }

    @Test
    void aReplicaSetTargetIsReadAndScaledThroughItsScaleSubresource() {
        givenWebWithOnePodUsing(200, "replicasets");
        HorizontalPodAutoscaler hpa = AutoscalerFixtures.hpa(1, 5, AutoscalerFixtures.cpuPercent(50));
        hpa.getSpec().getScaleTargetRef().setKind("ReplicaSet");
        input(Topics.HORIZONTAL_POD_AUTOSCALERS).pipeInput("default/web", hpa);

        driver.advanceWallClockTime(SYNC);

        assertThat(scaleCalls).containsExactly(
                "PATCH /apis/apps/v1/namespaces/default/replicasets/web/scale {\"spec\":{\"replicas\":4}}");
        HorizontalPodAutoscalerStatus status = statuses.readValue();
        assertThat(status.getCurrentReplicas()).isEqualTo(1);
        assertThat(status.getDesiredReplicas()).isEqualTo(4);
        assertThat(condition(status, "AbleToScale").getReason()).isEqualTo("SucceededRescale");
    }

    @Test
    void aTargetOfAKindWithoutAScaleIsNotActiveAndSaysWhy() {
        HorizontalPodAutoscaler hpa = AutoscalerFixtures.hpa(1, 5, AutoscalerFixtures.cpuPercent(50));
        hpa.getSpec().getScaleTargetRef().setKind("StatefulSet");
        input(Topics.HORIZONTAL_POD_AUTOSCALERS).pipeInput("default/web", hpa);

        driver.advanceWallClockTime(SYNC);

        assertThat(condition(statuses.readValue(), "ScalingActive").getMessage()).isEqualTo(
                "the HPA controller was unable to get the target's current scale: no matches for kind \"StatefulSet\""
                        + " in group \"apps\"");
    }

    private void givenWebWithOnePodUsing(long cpuMillis) {
        givenWebWithOnePodUsing(cpuMillis, "deployments");
    }

    /** A target {@code web} of the resource {@code plural} with one replica, its pod using {@code cpuMillis} of 100m. */
    private void givenWebWithOnePodUsing(long cpuMillis, String plural) {
        targets.put("/apis/apps/v1/namespaces/default/" + plural + "/web/scale", 1);
        Pod pod = Pods.pod("web-a").label("app", "web").cpu("100m").build();
        input(Topics.OWNED_PODS).pipeInput("default/web-a", pod);
        Instant started = T0.minus(Duration.ofMinutes(10));
        input(Topics.POD_STATUS).pipeInput(Pods.statusKey(pod), PodStatusReport.newBuilder()
                .setPodUid(pod.getMetadata().getUid()).setNodeName("n1").setObservedAt(T0)
                .setStatus(PodStatus.newBuilder().setPhase("Running").setStartTime(started)
                        .setConditions(List.of(PodCondition.newBuilder().setType("Ready").setStatus("True")
                                .setLastTransitionTime(started).build())).build())
                .build());
        input(Topics.POD_METRICS).pipeInput(Keys.of("default", "web-a"), PodUsage.newBuilder()
                .setNamespace("default").setName("web-a").setUid(pod.getMetadata().getUid()).setNodeName("n1")
                .setTimestamp(T0).setWindowMillis(10_000)
                .setContainers(List.of(ContainerUsage.newBuilder().setName("main")
                        .setCpuNanoCores(cpuMillis * 1_000_000).setMemoryBytes(1 << 20).build()))
                .build());
    }

    private static HorizontalPodAutoscalerCondition condition(HorizontalPodAutoscalerStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}

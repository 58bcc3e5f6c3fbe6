package io.korch.controllers.endpoints;

import static io.korch.controllers.endpoints.EndpointFixtures.named;
import static io.korch.controllers.endpoints.EndpointFixtures.pod;
import static io.korch.controllers.endpoints.EndpointFixtures.running;
import static io.korch.controllers.endpoints.EndpointFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Endpoint;
import io.korch.api.EndpointAddress;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.Endpoints;
import io.korch.api.Event;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.api.Service;
import io.korch.controllers.ControllersConfig;
import io.korch.controllers.NetworkTopology;
import io.korch.controllers.testing.SequentialIds;
import io.korch.model.ClusterNetwork;
import io.korch.model.EventReasons;
import io.korch.streams.StreamsConfigs;
import io.korch.testkit.Pods;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints controller in the network controllers' topology on a {@link TopologyTestDriver}:
 * this test plays the gateway (Services, declared pods), the replicaset controller (owned pods)
 * and the agents (status reports with pod IPs), and reads the EndpointSlices, Endpoints and events.
 */
class EndpointsControllerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Service> services;
    private TestInputTopic<String, Pod> pods;
    private TestInputTopic<String, Pod> ownedPods;
    private TestInputTopic<String, PodStatusReport> reports;
    private TestOutputTopic<String, EndpointSlice> sliceTopic;
    private TestOutputTopic<String, Endpoints> endpointsTopic;
    private TestOutputTopic<String, Event> events;
    private final Map<String, EndpointSlice> slices = new HashMap<>();
    private final Map<String, Endpoints> endpoints = new HashMap<>();
    private final List<KeyValue<String, EndpointSlice>> sliceHistory = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ControllersConfig config = new ControllersConfig("127.0.0.1:1", "endpoints-test", stateDir, Duration.ofSeconds(5));
        driver = new TopologyTestDriver(NetworkTopology.topology(config, new SequentialIds()),
                StreamsConfigs.of(config.networkStreams()), T0);
        services = input(Topics.SERVICES);
        pods = input(Topics.PODS);
        ownedPods = input(Topics.OWNED_PODS);
        reports = input(Topics.POD_STATUS);
        sliceTopic = output(Topics.ENDPOINT_SLICES);
        endpointsTopic = output(Topics.ENDPOINTS);
        events = output(Topics.EVENTS);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The slices written so far, latest per key, tombstones removed, in name order. */
    private List<EndpointSlice> slices() {
        for (KeyValue<String, EndpointSlice> record : sliceTopic.readKeyValuesToList()) {
            sliceHistory.add(record);
            if (record.value == null) {
                slices.remove(record.key);
            } else {
                slices.put(record.key, record.value);
            }
        }
        return slices.values().stream().sorted(Comparator.comparing(slice -> slice.getMetadata().getName())).toList();
    }

    private Endpoints endpoints(String key) {
        for (KeyValue<String, Endpoints> record : endpointsTopic.readKeyValuesToList()) {
            if (record.value == null) {
                endpoints.remove(record.key);
            } else {
                endpoints.put(record.key, record.value);
            }
        }
        return endpoints.get(key);
    }

    /** Every endpoint of every slice, with its slice's ports, by pod name. */
    private Map<String, Endpoint> endpointsByPod() {
        Map<String, Endpoint> byPod = new HashMap<>();
        slices().forEach(slice -> slice.getEndpoints().forEach(endpoint -> byPod.put(endpoint.getTargetRef().getName(), endpoint)));
        return byPod;
    }

    private static EndpointConditions conditions(boolean ready, boolean serving, boolean terminating) {
        return EndpointConditions.newBuilder().setReady(ready).setServing(serving).setTerminating(terminating).build();
    }

    private void declare(Pod pod) {
        pods.pipeInput("default/" + pod.getMetadata().getName(), pod);
    }

    private void report(Pod pod, PodStatusReport report) {
        reports.pipeInput(Pods.statusKey(pod), report);
    }

    @Test
    void keepsASliceOfTheMatchingPodsWithTheirConditions() {
        // given a Service selecting app=web, and pods: ready, not ready, without IP, of another app
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, "8080").build());
        Pod ready = pod("web-a", "web");
        Pod notReady = pod("web-b", "web");
        Pod noIp = pod("web-c", "web");
        Pod other = pod("api-a", "api");
        for (Pod pod : List.of(ready, notReady, noIp, other)) {
            declare(pod);
        }
        report(ready, running(ready, "node-1", "10.244.0.2", true));
        report(notReady, running(notReady, "node-2", "10.244.1.2", false));
        report(other, running(other, "node-1", "10.244.0.3", true));

        // then one slice holds the two pods with an IP, ready as their Ready condition says
        EndpointSlice slice = slices().get(0);
        assertThat(slices()).hasSize(1);
        assertThat(slice.getMetadata().getName()).startsWith("web-").hasSize("web-".length() + 5);
        assertThat(slice.getMetadata().getLabels())
                .containsEntry(ClusterNetwork.SERVICE_NAME_LABEL, "web")
                .containsEntry(ClusterNetwork.MANAGED_BY_LABEL, ClusterNetwork.ENDPOINTS_CONTROLLER)
                .containsEntry("tier", "front");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement()
                .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid, OwnerReference::getController)
                .containsExactly("Service", "web", "web-uid", true);
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).containsExactly(
                EndpointPort.newBuilder().setName("http").setProtocol("TCP").setPort(8080).build());
        assertThat(slice.getEndpoints()).extracting(endpoint -> endpoint.getTargetRef().getName())
                .containsExactly("web-a", "web-b");
        Endpoint first = slice.getEndpoints().get(0);
        assertThat(first.getAddresses()).containsExactly("10.244.0.2");
        assertThat(first.getNodeName()).isEqualTo("node-1");
        assertThat(first.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(first.getTargetRef().getNamespace()).isEqualTo("default");
        assertThat(first.getTargetRef().getUid()).isEqualTo("web-a-uid");
        assertThat(first.getConditions()).isEqualTo(conditions(true, true, false));
        assertThat(slice.getEndpoints().get(1).getConditions()).isEqualTo(conditions(false, false, false));

        // and the v1 Endpoints list the ready pod in addresses, the other in notReadyAddresses
        Endpoints v1 = endpoints("default/web");
        assertThat(v1.getSubsets()).singleElement().satisfies(subset -> {
            assertThat(subset.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.244.0.2");
            assertThat(subset.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.244.1.2");
            assertThat(subset.getPorts()).extracting(EndpointPort::getPort).containsExactly(8080);
        });
    }

    @Test
    void aPodLeavesTheReadySetWithTheReportThatItIsNotReady() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, null).build());
        Pod pod = pod("web-a", "web");
        declare(pod);
        report(pod, running(pod, "node-1", "10.244.0.2", true));
        assertThat(endpointsByPod().get("web-a").getConditions()).isEqualTo(conditions(true, true, false));
        assertThat(slices().get(0).getPorts()).extracting(EndpointPort::getPort).containsExactly(80);

        report(pod, running(pod, "node-1", "10.244.0.2", false));

        assertThat(endpointsByPod().get("web-a").getConditions()).isEqualTo(conditions(false, false, false));
        assertThat(endpoints("default/web").getSubsets().get(0).getAddresses()).isEmpty();
        assertThat(endpoints("default/web").getSubsets().get(0).getNotReadyAddresses()).hasSize(1);
    }

    @Test
    void aDeletedPodIsTerminatingWhileItsAgentStillRunsItThenGone() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, "8080").build());
        Pod pod = pod("web-a", "web");
        ownedPods.pipeInput("default/web-a", pod);
        report(pod, running(pod, "node-1", "10.244.0.2", true));

        // when the replicaset controller deletes it while its containers are still being stopped
        ownedPods.pipeInput("default/web-a", null);

        // then it is still an endpoint, serving but terminating, so not ready; the v1 Endpoints drop it
        assertThat(endpointsByPod().get("web-a").getConditions()).isEqualTo(conditions(false, true, true));
        assertThat(endpoints("default/web").getSubsets()).isEmpty();

        // when its agent removes its report, it is gone, and the Service keeps an empty placeholder slice
        reports.pipeInput(Pods.statusKey(pod), null);
        assertThat(slices()).singleElement().satisfies(slice -> {
            assertThat(slice.getEndpoints()).isEmpty();
            assertThat(slice.getPorts()).isEmpty();
        });
    }

    @Test
    void aNamedTargetPortResolvesPerPodAndAPodWithoutItIsLeftOutWithAnEvent() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, "web").build());
        Pod on8080 = pod("web-a", "web", "web=8080");
        Pod on9090 = pod("web-b", "web", "web=9090");
        Pod without = pod("web-c", "web", "metrics=9100");
        for (Pod pod : List.of(on8080, on9090, without)) {
            declare(pod);
            report(pod, running(pod, "node-1", "10.244.0." + (pod == on8080 ? 2 : pod == on9090 ? 3 : 4), true));
        }

        // then the pods are grouped into slices by their resolved ports; the one lacking it has no port
        Map<List<Integer>, List<String>> byPorts = new HashMap<>();
        slices().forEach(slice -> byPorts.put(slice.getPorts().stream().map(EndpointPort::getPort).toList(),
                slice.getEndpoints().stream().map(endpoint -> endpoint.getTargetRef().getName()).toList()));
        assertThat(byPorts).containsOnly(
                Map.entry(List.of(8080), List.of("web-a")),
                Map.entry(List.of(9090), List.of("web-b")),
                Map.entry(List.of(), List.of("web-c")));
        // and the v1 Endpoints leave it out
        assertThat(endpoints("default/web").getSubsets()).flatExtracting(subset -> subset.getAddresses())
                .extracting(EndpointAddress::getIp).containsExactlyInAnyOrder("10.244.0.2", "10.244.0.3");
        // and one event on the Service says why, not repeated when the pod reports again
        report(without, running(without, "node-2", "10.244.0.4", true));
        List<Event> warnings = events.readValuesToList();
        assertThat(warnings).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo(EventReasons.FAILED_TO_RESOLVE_TARGET_PORT);
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("Service");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("web");
            assertThat(event.getMessage()).contains("web-c").contains("\"web\"").contains("\"http\"");
        });
    }

    @Test
    void followsASelectorChange() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, null).build());
        Pod web = pod("web-a", "web");
        Pod api = pod("api-a", "api");
        for (Pod pod : List.of(web, api)) {
            declare(pod);
            report(pod, running(pod, "node-1", pod == web ? "10.244.0.2" : "10.244.0.3", true));
        }
        assertThat(endpointsByPod()).containsOnlyKeys("web-a");

        services.pipeInput("default/web", service("web").select("app", "api").port("http", 80, null).build());

        assertThat(endpointsByPod()).containsOnlyKeys("api-a");
        assertThat(endpoints("default/web").getSubsets().get(0).getAddresses())
                .extracting(EndpointAddress::getIp).containsExactly("10.244.0.3");

        // and a pod relabelled into the selector joins it
        declare(Pod.newBuilder(web).setMetadata(io.korch.api.ObjectMeta.newBuilder(web.getMetadata())
                .setLabels(new java.util.LinkedHashMap<>(Map.of("app", "api"))).build()).build());
        assertThat(endpointsByPod()).containsOnlyKeys("api-a", "web-a");
    }

    @Test
    void deletingAServiceDeletesItsSlicesAndEndpointsAndOneWithoutSelectorGetsNone() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, null).build());
        Pod pod = pod("web-a", "web");
        declare(pod);
        report(pod, running(pod, "node-1", "10.244.0.2", true));
        assertThat(slices()).hasSize(1);
        assertThat(endpoints("default/web")).isNotNull();

        services.pipeInput("default/web", null);

        assertThat(slices()).isEmpty();
        assertThat(endpoints("default/web")).isNull();
        assertThat(sliceHistory.get(sliceHistory.size() - 1).value).isNull();

        services.pipeInput("default/manual", service("manual").port("http", 80, null).build());
        assertThat(slices()).isEmpty();
        assertThat(endpoints("default/manual")).isNull();
    }

    @Test
    void splitsMoreThanAHundredEndpointsAndMovesFewWhenOneGoes() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, null).build());
        List<Pod> all = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            Pod pod = pod(String.format("web-%03d", i), "web");
            all.add(pod);
            declare(pod);
            report(pod, running(pod, "node-1", "10.244." + (i / 200) + "." + (i % 200 + 2), true));
        }
        assertThat(slices()).extracting(slice -> slice.getEndpoints().size()).containsExactlyInAnyOrder(100, 100, 5);
        assertThat(slices()).flatExtracting(EndpointSlice::getEndpoints).hasSize(205)
                .extracting(endpoint -> endpoint.getTargetRef().getName()).doesNotHaveDuplicates();

        // when one pod goes (terminating, then gone), only its slice is written again
        int before = sliceHistory.size();
        String holder = slices.entrySet().stream()
                .filter(slice -> slice.getValue().getEndpoints().stream()
                        .anyMatch(endpoint -> endpoint.getTargetRef().getName().equals("web-007")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        pods.pipeInput("default/web-007", null);
        reports.pipeInput(Pods.statusKey(all.get(7)), null);
        slices();
        assertThat(sliceHistory.subList(before, sliceHistory.size())).hasSize(2)
                .extracting(record -> record.key).containsOnly(holder);
        assertThat(slices()).flatExtracting(EndpointSlice::getEndpoints).hasSize(204);
    }

    @Test
    void writesNothingWhenAReportChangesNoEndpoint() {
        services.pipeInput("default/web", service("web").select("app", "web").port("http", 80, null).build());
        Pod pod = pod("web-a", "web");
        declare(pod);
        report(pod, running(pod, "node-1", "10.244.0.2", true));
        slices();
        endpoints("default/web");
        int written = sliceHistory.size();

        PodStatusReport refreshed = PodStatusReport.newBuilder(running(pod, "node-1", "10.244.0.2", true))
                .setObservedAt(T0.plusSeconds(30)).build();
        report(pod, refreshed);
        declare(pod);

        slices();
        assertThat(sliceHistory).hasSize(written);
        assertThat(endpointsTopic.isEmpty()).isTrue();
    }

    @Test
    void setsTheHostnameOfAPodUnderItsSubdomainAndPublishesNotReadyPodsWhenAsked() {
        services.pipeInput("default/db", service("db").select("app", "db").headless().publishNotReadyAddresses()
                .port("sql", 5432, null).build());
        Pod named = named(pod("db-0", "db"), "db-0", "db");
        Pod other = named(pod("db-1", "db"), "db-1", "elsewhere");
        declare(named);
        declare(other);
        report(named, running(named, "node-1", "10.244.0.2", false));
        report(other, running(other, "node-1", "10.244.0.3", false));

        Map<String, Endpoint> byPod = endpointsByPod();
        assertThat(byPod.get("db-0").getHostname()).isEqualTo("db-0");
        assertThat(byPod.get("db-1").getHostname()).isNull();
        assertThat(byPod.get("db-0").getConditions()).isEqualTo(conditions(true, false, false));
        assertThat(slices().get(0).getMetadata().getLabels()).containsKey(EndpointSliceReconciler.HEADLESS_LABEL);
        assertThat(endpoints("default/db").getSubsets().get(0).getAddresses()).extracting(EndpointAddress::getHostname)
                .containsExactly("db-0", null);
    }
}

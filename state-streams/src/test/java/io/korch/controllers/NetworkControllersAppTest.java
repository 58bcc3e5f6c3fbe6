package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Endpoint;
import io.korch.api.EndpointSlice;
import io.korch.api.Endpoints;
import io.korch.api.NodePodCidrs;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import io.korch.api.ServiceSpec;
import io.korch.controllers.testing.TopicViews;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.ClusterNetwork;
import io.korch.testkit.Nodes;
import io.korch.testkit.PodReports;
import io.korch.testkit.Pods;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers application's network controllers against a real broker whose topics have
 * {@value #PARTITIONS} partitions: this test plays the gateway (a Service), the replicaset
 * controller (its pods) and the agents (registrations, heartbeats, pod reports with IPs), and reads
 * the EndpointSlices, Endpoints and node pod CIDRs the controllers write back.
 */
class NetworkControllersAppTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaBroker kafka;
    private static ControllersApp controllers;
    private static KafkaProducer<String, byte[]> producer;
    private static TopicViews views;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.createTopics(kafka.bootstrapServers(), PARTITIONS, (short) 1);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KorchPartitioner.use(props);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        views = new TopicViews(kafka.bootstrapServers(),
                List.of(Topics.ENDPOINT_SLICES, Topics.ENDPOINTS, Topics.NODE_POD_CIDRS), PARTITIONS);
        controllers = ControllersApp.start(config());
    }

    private static ControllersConfig config() {
        return new ControllersConfig(kafka.bootstrapServers(), "network-app-test", stateDir, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (controllers != null) {
            controllers.close();
        }
        if (views != null) {
            views.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static <V extends SpecificRecord> void publish(Topic<String, V> topic, String key, V value) {
        try {
            byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic.name(), e);
        }
    }

    private static Pod webPod(String name) {
        Container container = Container.newBuilder().setName("main").setImage(Pods.IMAGE)
                .setPorts(List.of(ContainerPort.newBuilder().setName("http").setContainerPort(8080).build())).build();
        return Pods.pod(name).label("app", "web").containers(List.of(container)).build();
    }

    private static PodStatusReport running(Pod pod, String ip, boolean ready) {
        PodStatusReport report = PodReports.report(pod, "node-1", "Running", ready);
        return PodStatusReport.newBuilder(report)
                .setStatus(PodStatus.newBuilder(report.getStatus()).setPodIP(ip).build()).build();
    }

    private static List<Endpoint> endpointsOfWeb() {
        List<Endpoint> endpoints = new ArrayList<>();
        views.table(Topics.ENDPOINT_SLICES).values().stream()
                .filter(slice -> "web".equals(slice.getMetadata().getLabels().get(ClusterNetwork.SERVICE_NAME_LABEL)))
                .forEach(slice -> endpoints.addAll(slice.getEndpoints()));
        return endpoints;
    }

    @Test
    void keepsTheSlicesOfAServiceAsItsPodsComeGoAndTurnReady() {
        // given a Service whose named targetPort its pods declare
        Service web = Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default").setUid("web-uid").build())
                .setSpec(ServiceSpec.newBuilder()
                        .setSelector(new LinkedHashMap<>(Map.of("app", "web")))
                        .setPorts(List.of(ServicePort.newBuilder().setName("http").setPort(80).setTargetPort("http").build()))
                        .setClusterIP("10.96.0.50")
                        .build())
                .build();
        publish(Topics.SERVICES, "default/web", web);

        // when two of its pods run, one ready
        Pod first = webPod("web-1");
        Pod second = webPod("web-2");
        publish(Topics.OWNED_PODS, "default/web-1", first);
        publish(Topics.OWNED_PODS, "default/web-2", second);
        publish(Topics.POD_STATUS, Pods.statusKey(first), running(first, "10.244.0.2", true));
        publish(Topics.POD_STATUS, Pods.statusKey(second), running(second, "10.244.0.3", false));

        // then its slice and Endpoints show them, with the port resolved
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(endpointsOfWeb()).extracting(endpoint -> endpoint.getAddresses().get(0),
                            endpoint -> endpoint.getConditions().getReady())
                    .containsExactlyInAnyOrder(tuple("10.244.0.2", true),
                            tuple("10.244.0.3", false));
            EndpointSlice slice = views.table(Topics.ENDPOINT_SLICES).values().iterator().next();
            assertThat(slice.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
            Endpoints v1 = views.table(Topics.ENDPOINTS).get("default/web");
            assertThat(v1.getSubsets().get(0).getAddresses()).hasSize(1);
            assertThat(v1.getSubsets().get(0).getNotReadyAddresses()).hasSize(1);
        });

        // when the second turns ready and the first is deleted and its agent removes it
        publish(Topics.POD_STATUS, Pods.statusKey(second), running(second, "10.244.0.3", true));
        publish(Topics.OWNED_PODS, "default/web-1", null);
        publish(Topics.POD_STATUS, Pods.statusKey(first), null);

        // then only the second is left, ready
        await().atMost(WAIT).untilAsserted(() -> assertThat(endpointsOfWeb())
                .singleElement().satisfies(endpoint -> {
                    assertThat(endpoint.getTargetRef().getName()).isEqualTo("web-2");
                    assertThat(endpoint.getConditions().getReady()).isTrue();
                }));

        // when the Service is deleted, so are its slices and its Endpoints
        publish(Topics.SERVICES, "default/web", null);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(views.table(Topics.ENDPOINT_SLICES)).isEmpty();
            assertThat(views.table(Topics.ENDPOINTS)).isEmpty();
        });
    }

    @Test
    void givesNodesOfEveryPartitionDistinctSharesThatSurviveARestart() {
        // given nodes whose names route to every partition
        List<String> names = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; names.size() < 12; i++) {
            String name = "worker-" + i;
            names.add(name);
            partitions.add(Topics.NODES.partition(name, PARTITIONS));
        }
        assertThat(partitions).hasSize(PARTITIONS);
        Instant now = Instant.now();
        names.forEach(name -> publish(Topics.NODES, name, Nodes.heartbeat(name, now)));

        // then each has a share of its own
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.NODE_POD_CIDRS)).containsKeys(
                names.toArray(String[]::new)));
        Map<String, NodePodCidrs> shares = Map.copyOf(views.table(Topics.NODE_POD_CIDRS));
        assertThat(shares.values()).flatExtracting(NodePodCidrs::getPodCIDRs).hasSize(shares.size()).doesNotHaveDuplicates()
                .allSatisfy(cidr -> assertThat(cidr).startsWith("10.244.").endsWith(".0/24"));

        // when the controllers restart and the nodes heartbeat again
        controllers.close();
        controllers = ControllersApp.start(config());
        Instant later = Instant.now();
        names.forEach(name -> publish(Topics.NODES, name, Nodes.heartbeat(name, later)));
        publish(Topics.NODES, "worker-new", Nodes.heartbeat("worker-new", later));

        // then every node keeps its share, and a new node gets one none of them holds
        await().atMost(WAIT).untilAsserted(() -> assertThat(views.table(Topics.NODE_POD_CIDRS)).containsKey("worker-new"));
        Map<String, NodePodCidrs> after = views.table(Topics.NODE_POD_CIDRS);
        names.forEach(name -> assertThat(after.get(name)).isEqualTo(shares.get(name)));
        assertThat(after.values()).flatExtracting(NodePodCidrs::getPodCIDRs).doesNotHaveDuplicates();
        assertThat(views.history(Topics.NODE_POD_CIDRS)).as("each node's share is written once").hasSize(after.size());
    }
}

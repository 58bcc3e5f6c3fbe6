package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.api.PodOwnership;
import io.korch.api.PodStatusReport;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.deployment.DeploymentController;
import io.korch.controllers.deployment.TemplateHash;
import io.korch.controllers.nodelifecycle.NodeEviction;
import io.korch.controllers.nodelifecycle.NodeLifecycleController;
import io.korch.controllers.nodelifecycle.ReadPosition;
import io.korch.controllers.replicaset.ReplicaSetController;
import io.korch.controllers.testing.FailingIds;
import io.korch.controllers.testing.SequentialIds;
import io.korch.model.Owners;
import io.korch.streams.StreamsConfigs;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.PodReports;
import io.korch.testkit.Pods;
import io.korch.testkit.ReplicaSets;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers topology and the node-lifecycle controller's on one {@link TopologyTestDriver}, as
 * the two applications run them side by side, with the wall clock moved by hand and the heartbeats
 * read up to it (the node-lifecycle controller never lags here).
 */
class ControllersTopologyTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private final FailingIds ids = new FailingIds();
    /** Nodes whose heartbeats, sent by {@link #elapse}, report their container runtime down. */
    private final Set<String> runtimeDown = new HashSet<>();
    private TopologyTestDriver driver;
    private Instant now = T0;
    private TestInputTopic<String, Deployment> deployments;
    private TestInputTopic<String, ReplicaSet> replicaSets;
    private TestInputTopic<String, PodBinding> bindings;
    private TestInputTopic<String, PodStatusReport> podReports;
    private TestInputTopic<String, Pod> podDeletions;
    private TestInputTopic<String, Pod> declaredPods;
    private TestInputTopic<String, Node> nodes;
    private Table<ReplicaSet> ownedReplicaSets;
    private Table<Pod> ownedPods;
    private Table<PodOwnership> podOwners;
    private Table<DeploymentStatus> deploymentStatus;
    private Table<ReplicaSetStatus> replicaSetStatus;
    private Table<NodeHealth> nodeHealth;
    private TestOutputTopic<String, Event> events;

    /** The current content of an output topic: its records read so far, latest value per key, tombstones removed. */
    private final class Table<V> {
        private final TestOutputTopic<String, V> topic;
        private final Map<String, V> rows = new HashMap<>();
        private final List<KeyValue<String, V>> history = new ArrayList<>();

        Table(Topic<String, V> topic) {
            this.topic = driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                    topic.valueSerde().deserializer());
        }

        Map<String, V> rows() {
            for (KeyValue<String, V> record : topic.readKeyValuesToList()) {
                history.add(record);
                if (record.value == null) {
                    rows.remove(record.key);
                } else {
                    rows.put(record.key, record.value);
                }
            }
            return rows;
        }

        /** Every record read so far, tombstones included. */
        List<KeyValue<String, V>> history() {
            rows();
            return history;
        }
    }

    @BeforeEach
    void setUp() {
        ControllersConfig config = new ControllersConfig("127.0.0.1:1", "controllers-test", stateDir, Duration.ofSeconds(5));
        Properties props = StreamsConfigs.of(config.streams());
        Topology topology = ControllersTopology.topology(config, ids);
        NodeLifecycleController.addTo(topology, config.nodeGracePeriod(), config.nodeEviction(),
                partition -> new ReadPosition(0, 0, now));
        driver = new TopologyTestDriver(topology, props, T0);
        deployments = input(Topics.DEPLOYMENTS);
        replicaSets = input(Topics.REPLICASETS);
        bindings = input(Topics.BINDINGS);
        podReports = input(Topics.POD_STATUS);
        podDeletions = input(Topics.POD_DELETIONS);
        declaredPods = input(Topics.PODS);
        nodes = input(Topics.NODES);
        ownedReplicaSets = new Table<>(Topics.OWNED_REPLICASETS);
        ownedPods = new Table<>(Topics.OWNED_PODS);
        podOwners = new Table<>(Topics.POD_OWNERS);
        deploymentStatus = new Table<>(Topics.DEPLOYMENT_STATUS);
        replicaSetStatus = new Table<>(Topics.REPLICASET_STATUS);
        nodeHealth = new Table<>(Topics.NODE_HEALTH);
        events = driver.createOutputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().deserializer(),
                Topics.EVENTS.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Moves the wall clock in steps of 250 ms, sending a heartbeat of each node in {@code alive} every
     * second: Ready=False with reason ContainerRuntimeDown for those in {@link #runtimeDown}, Ready=True
     * for the others.
     */
    private void elapse(Duration duration, String... alive) {
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            now = now.plusMillis(250);
            driver.advanceWallClockTime(Duration.ofMillis(250));
            if (now.toEpochMilli() % 1000 == 0) {
                for (String node : alive) {
                    nodes.pipeInput(node, runtimeDown.contains(node)
                            ? Nodes.runtimeDown(node, now, "Cannot connect to the Docker daemon")
                            : Nodes.heartbeat(node, now), now);
                }
            }
        }
    }

    /** Binds {@code pod} to {@code node} and reports it running and ready there. */
    private void bindAndRun(String podKey, Pod pod, String node) {
        bindings.pipeInput(podKey, PodReports.binding(pod, node), now);
        report(podKey, PodReports.runningReady(pod, node), now);
    }

    private <V> Map<String, V> store(String name) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(name);
        Map<String, V> content = new HashMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> content.put(entry.key, entry.value));
        }
        return content;
    }

    private void bindAndRun(String node) {
        for (Map.Entry<String, Pod> pod : ownedPods.rows().entrySet()) {
            bindings.pipeInput(pod.getKey(), PodReports.binding(pod.getValue(), node), now);
            report(pod.getKey(), PodReports.runningReady(pod.getValue(), node), now);
        }
    }

    private List<String> eventReasons() {
        return events.readValuesToList().stream().map(Event::getReason).toList();
    }

    @Test
    void runsEachControllerAsItsOwnSubTopology() {
        TopologyDescription description = ControllersTopology.topology(
                ControllersConfig.defaults("127.0.0.1:1", stateDir), new SequentialIds()).describe();

        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.globalStores()).hasSize(1);
    }

    @Test
    void runsTheNodeLifecycleControllerAsATopologyOfItsOwn() {
        TopologyDescription description = NodeLifecycleController.topology(
                ControllersConfig.DEFAULT_NODE_GRACE_PERIOD, NodeEviction.DEFAULTS, partition -> null).describe();
        Set<String> sources = new HashSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                sources.addAll(source.topicSet());
            }
        }));

        // one task per partition of korch.nodes, and every verdict, for the cluster-wide disruption mode
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.globalStores()).singleElement()
                .satisfies(store -> assertThat(store.source().topicSet()).containsExactly(Topics.NODE_HEALTH.name()));
        assertThat(NodeLifecycleController.INPUTS).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(sources);
    }

    @Test
    void checksExactlyTheTopicsItsTasksReadForOnePartition() {
        TopologyDescription description = ControllersTopology.topology(
                ControllersConfig.defaults("127.0.0.1:1", stateDir), new SequentialIds()).describe();
        Set<String> sources = new HashSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                sources.addAll(source.topicSet());
            }
        }));

        assertThat(ControllersTopology.INPUT_TOPICS).extracting(Topic::name).containsExactlyInAnyOrderElementsOf(sources);
        assertThat(sources).contains(Topics.POD_DELETIONS.name());
    }

    @Test
    void aDeploymentGetsAReplicaSetAndItsPods() {
        // when
        Deployment web = Deployments.deployment("web").replicas(3).build();
        deployments.pipeInput("default/web", web, now);

        // then one ReplicaSet named after the template hash, and three pods it owns
        String rsName = "web-" + TemplateHash.of(web.getSpec().getTemplate());
        assertThat(ownedReplicaSets.rows()).containsOnlyKeys(Keys.of("default", rsName));
        assertThat(ownedPods.rows()).hasSize(3);
        assertThat(ownedPods.rows().values()).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).startsWith(rsName + "-");
            assertThat(pod.getMetadata().getLabels()).containsEntry(TemplateHash.LABEL, rsName.substring(4));
            assertThat(pod.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo(rsName);
        });
        assertThat(replicaSetStatus.rows().get(Keys.of("default", rsName)).getReplicas()).isEqualTo(3);
        DeploymentStatus status = deploymentStatus.rows().get("default/web");
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isZero();
        assertThat(eventReasons()).containsExactly(
                "ScalingReplicaSet", "SuccessfulCreate", "SuccessfulCreate", "SuccessfulCreate");
    }

    @Test
    void readyPodsMakeTheDeploymentAvailable() {
        // given
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(3).build(), now);

        // when the agent reports every pod running and ready
        bindAndRun("node-1");

        // then
        ReplicaSetStatus rsStatus = replicaSetStatus.rows().values().iterator().next();
        assertThat(rsStatus.getReadyReplicas()).isEqualTo(3);
        assertThat(rsStatus.getAvailableReplicas()).isEqualTo(3);
        DeploymentStatus status = deploymentStatus.rows().get("default/web");
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(status.getUnavailableReplicas()).isZero();
        assertThat(status.getConditions().get(0).getStatus()).isEqualTo("True");
    }

    @Test
    void scalesUpAndThenDownKeepingRunningPods() {
        // given three running pods
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(3).build(), now);
        bindAndRun("node-1");
        Map<String, Pod> running = new HashMap<>(ownedPods.rows());

        // when scaled to 5
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(5).generation(2).build(), now);

        // then two more pods, and the same ReplicaSet with 5 replicas
        assertThat(ownedPods.rows()).hasSize(5).containsAllEntriesOf(running);
        assertThat(ownedReplicaSets.rows()).hasSize(1);
        assertThat(ownedReplicaSets.rows().values().iterator().next().getSpec().getReplicas()).isEqualTo(5);

        // when scaled to 1
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(1).generation(3).build(), now);

        // then the unscheduled pods went first and one running pod is left
        assertThat(ownedPods.rows()).hasSize(1);
        assertThat(running).containsKey(ownedPods.rows().keySet().iterator().next());
        assertThat(deploymentStatus.rows().get("default/web").getReplicas()).isEqualTo(1);
        assertThat(deploymentStatus.rows().get("default/web").getObservedGeneration()).isEqualTo(3L);
    }

    @Test
    void aTemplateChangeRollsThePodsOverToANewReplicaSetAsTheyBecomeReady() {
        // given 3 pods of v1, running and ready
        deployments.pipeInput("default/web", Deployments.deployment("web").image("nginx:1.26").build(), now);
        bindAndRun("node-1");
        Map<String, Pod> v1 = new HashMap<>(ownedPods.rows());
        String oldName = ownedReplicaSets.rows().values().iterator().next().getMetadata().getName();

        // when the template changes
        Deployment v2 = Deployments.deployment("web").image("nginx:1.27").generation(2).build();
        deployments.pipeInput("default/web", v2, now);

        // then one new pod comes first (25 % of 3 rounds up to one pod of surge, down to none unavailable)
        String rsName = "web-" + TemplateHash.of(v2.getSpec().getTemplate());
        assertThat(ownedReplicaSets.rows()).containsOnlyKeys(Keys.of("default", oldName), Keys.of("default", rsName));
        assertThat(ownedPods.rows()).hasSize(4).containsAllEntriesOf(v1);

        // and as the agent reports the new pods ready, old ones go, never leaving fewer than 3 ready
        for (int round = 0; round < 10 && !ownedPods.rows().keySet().stream().noneMatch(v1::containsKey); round++) {
            bindAndRun("node-1");
            assertThat(deploymentStatus.rows().get("default/web").getAvailableReplicas()).isGreaterThanOrEqualTo(3);
        }
        assertThat(ownedPods.rows()).hasSize(3).doesNotContainKeys(v1.keySet().toArray(String[]::new));
        assertThat(ownedPods.rows().values())
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27"));
        // the old ReplicaSet stays, with no pods, for a rollback
        assertThat(ownedReplicaSets.rows().get(Keys.of("default", oldName)).getSpec().getReplicas()).isZero();
        DeploymentStatus status = deploymentStatus.rows().get("default/web");
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("Progressing")).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable"));
    }

    @Test
    void podsBecomeAvailableOnceTheyHaveBeenReadyForMinReadySeconds() {
        // given a Deployment whose pods must stay ready 5 s to count as available, all of them ready now
        Deployment web = Deployments.deployment("web").replicas(2).build();
        web.getSpec().setMinReadySeconds(5);
        deployments.pipeInput("default/web", web, now);
        for (Map.Entry<String, Pod> pod : ownedPods.rows().entrySet()) {
            bindings.pipeInput(pod.getKey(), PodReports.binding(pod.getValue(), "node-1"), now);
            report(pod.getKey(), PodReports.runningReadySince(pod.getValue(), "node-1", now), now);
        }
        assertThat(deploymentStatus.rows().get("default/web").getReadyReplicas()).isEqualTo(2);
        assertThat(deploymentStatus.rows().get("default/web").getAvailableReplicas()).isZero();

        // when 5 s pass with no input
        elapse(Duration.ofSeconds(5));

        // then they are available
        assertThat(replicaSetStatus.rows().values().iterator().next().getAvailableReplicas()).isEqualTo(2);
        assertThat(deploymentStatus.rows().get("default/web").getAvailableReplicas()).isEqualTo(2);
    }

    @Test
    void aRolloutThatStopsMovingIsReportedPastItsProgressDeadline() {
        // given 3 ready pods, then a template whose pods never become ready, with a 10 s deadline
        deployments.pipeInput("default/web", Deployments.deployment("web").image("nginx:1.26").build(), now);
        bindAndRun("node-1");
        Deployment stuck = Deployments.deployment("web").image("nginx:absent").generation(2).build();
        stuck.getSpec().setProgressDeadlineSeconds(10);
        deployments.pipeInput("default/web", stuck, now);

        // when 11 s pass with no progress
        elapse(Duration.ofSeconds(11));

        // then the Deployment says so, with the new ReplicaSet named
        String rsName = "web-" + TemplateHash.of(stuck.getSpec().getTemplate());
        assertThat(deploymentStatus.rows().get("default/web").getConditions())
                .filteredOn(c -> c.getType().equals("Progressing")).singleElement().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
                    assertThat(c.getMessage()).isEqualTo("ReplicaSet \"" + rsName + "\" has timed out progressing.");
                });
    }

    @Test
    void deletingADeploymentTombstonesEverythingItOwns() {
        // given
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(2).build(), now);
        bindAndRun("node-1");
        assertThat(ownedPods.rows()).hasSize(2);

        // when
        deployments.pipeInput("default/web", null, now);

        // then
        assertThat(ownedReplicaSets.rows()).isEmpty();
        assertThat(ownedPods.rows()).isEmpty();
        assertThat(replicaSetStatus.rows()).isEmpty();
        assertThat(deploymentStatus.rows()).isEmpty();
        assertThat(deploymentStatus.history()).last().extracting(kv -> kv.value).isNull();
    }

    @Test
    void dropsADeploymentWhoseMetadataDisagreesWithItsKey() {
        deployments.pipeInput("default/other", Deployments.deployment("web").build(), now);

        assertThat(ownedReplicaSets.rows()).isEmpty();
        assertThat(ownedPods.rows()).isEmpty();
    }

    @Test
    void aUserReplicaSetGetsItsPods() {
        // when
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(2).build(), now);

        // then
        assertThat(ownedPods.rows()).hasSize(2);
        assertThat(replicaSetStatus.rows().get("default/cache").getReplicas()).isEqualTo(2);
        assertThat(ownedReplicaSets.rows()).isEmpty();

        // when it is deleted
        replicaSets.pipeInput("default/cache", null, now);

        // then
        assertThat(ownedPods.rows()).isEmpty();
        assertThat(replicaSetStatus.rows()).isEmpty();
    }

    /** A user's request to delete {@code pod}: the pod with a deletion timestamp. */
    private Pod deletionRequest(Pod pod) {
        Pod request = Pod.newBuilder(pod).build();
        request.getMetadata().setDeletionTimestamp(now);
        return request;
    }

    @Test
    void aPodDeletedByAUserIsTombstonedAndReplacedUnderANewName() {
        // given three running pods of a user ReplicaSet
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(3).build(), now);
        bindAndRun("node-1");
        Map<String, Pod> before = new HashMap<>(ownedPods.rows());
        assertThat(before).hasSize(3);
        eventReasons();
        Map.Entry<String, Pod> victim = before.entrySet().iterator().next();
        List<KeyValue<String, Pod>> historyBefore = List.copyOf(ownedPods.history());

        // when a user asks to delete one
        podDeletions.pipeInput(victim.getKey(), deletionRequest(victim.getValue()), now);

        // then it is tombstoned, forgotten by every store, and a new pod with a new name replaces it
        List<KeyValue<String, Pod>> written = ownedPods.history().subList(historyBefore.size(), ownedPods.history().size());
        assertThat(written.get(0)).isEqualTo(KeyValue.pair(victim.getKey(), null));
        assertThat(written).hasSize(2);
        Map<String, Pod> after = ownedPods.rows();
        assertThat(after).hasSize(3).doesNotContainKey(victim.getKey());
        Map<String, Pod> survivors = new HashMap<>(before);
        survivors.remove(victim.getKey());
        assertThat(after).containsAllEntriesOf(survivors);
        Pod replacement = written.get(1).value;
        assertThat(replacement.getMetadata().getName()).startsWith("cache-")
                .isNotEqualTo(victim.getValue().getMetadata().getName());
        assertThat(replacement.getMetadata().getUid()).isNotEqualTo(victim.getValue().getMetadata().getUid());
        assertThat(eventReasons()).containsExactly("SuccessfulDelete", "SuccessfulCreate");
        assertThat(replicaSetStatus.rows().get("default/cache").getReplicas()).isEqualTo(3);
        assertThat(store(ReplicaSetController.PODS_STORE)).hasSize(3).doesNotContainKey(victim.getKey());
        assertThat(store(ReplicaSetController.PODS_BY_REPLICASET_STORE)).hasSize(3)
                .doesNotContainValue(victim.getKey());
        assertThat(store(ReplicaSetController.BINDINGS_STORE)).hasSize(2).doesNotContainKey(victim.getKey());
        assertThat(store(ReplicaSetController.REPORTS_STORE)).hasSize(2).doesNotContainKey(victim.getKey());
        assertThat(store(ReplicaSetController.PODS_BY_NODE_STORE)).hasSize(2);

        // when the same request comes again, as on a replay of the compacted topic, and then its tombstone
        podDeletions.pipeInput(victim.getKey(), deletionRequest(victim.getValue()), now);
        podDeletions.pipeInput(victim.getKey(), null, now);

        // then nothing changes
        assertThat(ownedPods.rows()).isEqualTo(after);
        assertThat(eventReasons()).isEmpty();
    }

    @Test
    void ignoresADeletionRequestForAnotherPodOfTheSameNameOrAnUnknownKey() {
        // given
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(3).build(), now);
        bindAndRun("node-1");
        Map<String, Pod> before = new HashMap<>(ownedPods.rows());
        int written = ownedPods.history().size();
        eventReasons();
        Map.Entry<String, Pod> target = before.entrySet().iterator().next();
        Map<String, Pod> podsStore = store(ReplicaSetController.PODS_STORE);
        Map<String, Object> bindingsStore = store(ReplicaSetController.BINDINGS_STORE);

        // when a request names an existing pod's key but an older pod's uid, and another names no pod of ours
        Pod stale = deletionRequest(target.getValue());
        stale.getMetadata().setUid("uid-of-an-older-pod");
        podDeletions.pipeInput(target.getKey(), stale, now);
        Pod unknown = deletionRequest(target.getValue());
        unknown.getMetadata().setName("cache-zzzzz");
        podDeletions.pipeInput("default/cache-zzzzz", unknown, now);

        // then nothing changes
        assertThat(ownedPods.history()).hasSize(written);
        assertThat(ownedPods.rows()).isEqualTo(before);
        assertThat(eventReasons()).isEmpty();
        assertThat(replicaSetStatus.rows().get("default/cache").getReplicas()).isEqualTo(3);
        assertThat(store(ReplicaSetController.PODS_STORE)).isEqualTo(podsStore);
        assertThat(store(ReplicaSetController.BINDINGS_STORE)).isEqualTo(bindingsStore);
    }

    @Test
    void replacesAFailedPod() {
        // given
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(2).build(), now);
        bindAndRun("node-1");
        Map.Entry<String, Pod> victim = ownedPods.rows().entrySet().iterator().next();

        // when the agent reports it Failed
        report(victim.getKey(), PodReports.report(victim.getValue(), "node-1", "Failed", false), now);

        // then
        assertThat(ownedPods.rows()).hasSize(2).doesNotContainKey(victim.getKey());
    }

    @Test
    void replacesThePodsOfANodeWhoseHeartbeatsStop() {
        // given two nodes heartbeating, and three running pods, two of them on node-2
        elapse(Duration.ofSeconds(1), "node-1", "node-2");
        assertThat(nodeHealth.rows().values()).extracting(NodeHealth::getReady).containsExactly(true, true);
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(3).build(), now);
        List<String> podKeys = new ArrayList<>(ownedPods.rows().keySet());
        podKeys.sort(null);
        Map<String, Pod> pods = ownedPods.rows();
        for (int i = 0; i < podKeys.size(); i++) {
            String node = i == 0 ? "node-1" : "node-2";
            Pod pod = pods.get(podKeys.get(i));
            bindings.pipeInput(podKeys.get(i), PodReports.binding(pod, node), now);
            report(podKeys.get(i), PodReports.runningReady(pod, node), now);
        }
        events.readValuesToList();

        // when node-2 stops heartbeating for less than the grace period
        elapse(Duration.ofSeconds(4), "node-1");

        // then nothing happens yet
        assertThat(nodeHealth.rows().get("node-2").getReady()).isTrue();
        assertThat(ownedPods.rows()).containsOnlyKeys(podKeys);

        // when the grace period has passed
        elapse(Duration.ofSeconds(3), "node-1");

        // then node-2 is NotReady and its two pods are replaced by two new, unscheduled ones
        NodeHealth health = nodeHealth.rows().get("node-2");
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(nodeHealth.rows().get("node-1").getReady()).isTrue();
        assertThat(ownedPods.rows()).hasSize(3)
                .containsKey(podKeys.get(0))
                .doesNotContainKeys(podKeys.get(1), podKeys.get(2));
        assertThat(eventReasons()).contains("NodeNotReady", "SuccessfulDelete", "SuccessfulCreate");

        // and when node-2 comes back, nothing more is replaced
        Map<String, Pod> after = new HashMap<>(ownedPods.rows());
        elapse(Duration.ofSeconds(2), "node-1", "node-2");
        assertThat(nodeHealth.rows().get("node-2").getReady()).isTrue();
        assertThat(ownedPods.rows()).isEqualTo(after);
    }

    @Test
    void replacesThePodsOfANodeWhoseContainerRuntimeIsDown() {
        // given two nodes heartbeating, and two running pods, one on each
        elapse(Duration.ofSeconds(1), "node-1", "node-2");
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(2).build(), now);
        List<String> podKeys = new ArrayList<>(ownedPods.rows().keySet());
        podKeys.sort(null);
        Map<String, Pod> pods = ownedPods.rows();
        bindAndRun(podKeys.get(0), pods.get(podKeys.get(0)), "node-1");
        bindAndRun(podKeys.get(1), pods.get(podKeys.get(1)), "node-2");
        events.readValuesToList();

        // when node-2 keeps heartbeating but reports that its container runtime is down
        runtimeDown.add("node-2");
        elapse(Duration.ofSeconds(3), "node-1", "node-2");

        // then it is NotReady for the reason it gives, and its pod is replaced
        NodeHealth health = nodeHealth.rows().get("node-2");
        assertThat(health.getReady()).isFalse();
        assertThat(health.getReason()).isEqualTo("ContainerRuntimeDown");
        assertThat(health.getMessage()).startsWith("container runtime is down: Cannot connect to the Docker daemon. "
                + "Last heartbeat at ");
        assertThat(nodeHealth.rows().get("node-1").getReady()).isTrue();
        assertThat(ownedPods.rows()).hasSize(2).containsKey(podKeys.get(0)).doesNotContainKey(podKeys.get(1));
        assertThat(eventReasons()).containsOnlyOnce("NodeNotReady").contains("SuccessfulDelete", "SuccessfulCreate");

        // when its runtime works again
        Map<String, Pod> after = new HashMap<>(ownedPods.rows());
        runtimeDown.remove("node-2");
        elapse(Duration.ofSeconds(2), "node-1", "node-2");

        // then it is Ready again and nothing more is replaced
        assertThat(nodeHealth.rows().get("node-2").getReady()).isTrue();
        assertThat(eventReasons()).containsExactly("NodeReady");
        assertThat(ownedPods.rows()).isEqualTo(after);
    }

    @Test
    void skipsARecordWhoseReconcileThrowsLeavingNoTraceAndGoesOn() {
        // when the reconcile of a new Deployment throws
        ids.failNext(new IllegalStateException("injected failure"));
        deployments.pipeInput("default/a", Deployments.deployment("a").replicas(2).build(), now);

        // then the record left no trace: neither in the stores nor in the output topics
        assertThat(store(DeploymentController.DEPLOYMENTS_STORE)).isEmpty();
        assertThat(store(DeploymentController.REPLICASETS_STORE)).isEmpty();
        assertThat(ownedReplicaSets.rows()).isEmpty();
        assertThat(deploymentStatus.rows()).isEmpty();
        assertThat(events.readValuesToList()).isEmpty();

        // when the next records come
        deployments.pipeInput("default/b", Deployments.deployment("b").replicas(2).build(), now);
        deployments.pipeInput("default/a", Deployments.deployment("a").replicas(2).build(), now);

        // then they are processed, the failed Deployment included, and the stores match the topics
        assertThat(store(DeploymentController.DEPLOYMENTS_STORE)).containsOnlyKeys("default/a", "default/b");
        assertThat(ownedReplicaSets.rows()).hasSize(2);
        assertThat(store(DeploymentController.REPLICASETS_STORE)).isEqualTo(ownedReplicaSets.rows());
        assertThat(ownedPods.rows()).hasSize(4);
        assertThat(store(ReplicaSetController.PODS_STORE)).isEqualTo(ownedPods.rows());
        assertThat(store(ReplicaSetController.STATUS_STORE)).isEqualTo(replicaSetStatus.rows());
        // (Avro's equals fails on a deserialized Deployment status, whose conditions hold timestamps)
        assertThat(store(DeploymentController.STATUS_STORE).keySet()).isEqualTo(deploymentStatus.rows().keySet());
    }

    @Test
    void aPodReportWhoseReconcileThrowsCountsWhenItComesAgain() {
        // given two running pods
        deployments.pipeInput("default/web", Deployments.deployment("web").replicas(2).build(), now);
        bindAndRun("node-1");
        Map.Entry<String, Pod> victim = ownedPods.rows().entrySet().iterator().next();

        // when the agent reports one Failed, and the reconcile replacing it throws
        ids.failNext(new IllegalStateException("injected failure"));
        report(victim.getKey(), PodReports.report(victim.getValue(), "node-1", "Failed", false), now);

        // then nothing changed: the pod stays, with the report it had
        assertThat(ownedPods.rows()).hasSize(2).containsKey(victim.getKey());
        Map<String, PodStatusReport> reports = store(ReplicaSetController.REPORTS_STORE);
        assertThat(reports.get(victim.getKey()).getStatus().getPhase()).isEqualTo("Running");

        // when the agent reports it Failed again
        report(victim.getKey(), PodReports.report(victim.getValue(), "node-1", "Failed", false), now);

        // then it is replaced
        assertThat(ownedPods.rows()).hasSize(2).doesNotContainKey(victim.getKey());
        assertThat(store(ReplicaSetController.PODS_STORE)).isEqualTo(ownedPods.rows());
    }

    @Test
    void aReplicaSetWhoseReconcileThrowsDoesNotHoldUpTheReplacementOfOthersLostPods() {
        // given two ReplicaSets, a and b, each with its one pod running on node-2
        elapse(Duration.ofSeconds(1), "node-1", "node-2");
        replicaSets.pipeInput("default/a", ReplicaSets.replicaSet("a").replicas(1).build(), now);
        replicaSets.pipeInput("default/b", ReplicaSets.replicaSet("b").replicas(1).build(), now);
        Map<String, Pod> before = new HashMap<>(ownedPods.rows());
        before.forEach((key, pod) -> bindAndRun(key, pod, "node-2"));
        String podOfA = before.keySet().stream().filter(key -> key.startsWith("default/a-")).findFirst().orElseThrow();
        String podOfB = before.keySet().stream().filter(key -> key.startsWith("default/b-")).findFirst().orElseThrow();

        // when node-2 is declared NotReady, and the reconcile of a, the first to replace its pod, throws
        for (int i = 0; i < 40 && nodeHealth.rows().get("node-2").getReady(); i++) {
            elapse(Duration.ofMillis(250), "node-1");
        }
        assertThat(nodeHealth.rows().get("node-2").getReady()).isFalse();
        ids.failNext(new IllegalStateException("injected failure"));
        elapse(Duration.ofSeconds(1), "node-1");

        // then b's pod is replaced all the same, and a's is not yet
        assertThat(ownedPods.rows()).containsKey(podOfA).doesNotContainKey(podOfB)
                .hasEntrySatisfying(podOfA, pod -> assertThat(pod).isEqualTo(before.get(podOfA)));
        assertThat(ownedPods.rows().keySet()).filteredOn(key -> key.startsWith("default/b-")).hasSize(1);

        // and a's at the next check
        elapse(Duration.ofSeconds(1), "node-1");
        assertThat(ownedPods.rows()).hasSize(2).doesNotContainKeys(podOfA, podOfB);
        assertThat(store(ReplicaSetController.PODS_STORE)).isEqualTo(ownedPods.rows());
    }

    // --- grouping by the selector ----------------------------------------------------------------

    /** The uid of the controller {@code korch.pod-owners} gives the pod at {@code podKey}, "" for an orphan, null without a record. */
    private String controllerUid(String podKey) {
        PodOwnership ownership = podOwners.rows().get(podKey);
        if (ownership == null) {
            return null;
        }
        return ownership.getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController()))
                .map(o -> o.getUid()).findFirst().orElse("");
    }

    /** {@code replicaSet} as the gateway writes it when deleting it with propagationPolicy Orphan. */
    private ReplicaSet orphaning(ReplicaSet replicaSet) {
        ReplicaSet deleting = ReplicaSet.newBuilder(replicaSet).build();
        deleting.getMetadata().setDeletionTimestamp(now);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)));
        return deleting;
    }

    @Test
    void aReplicaSetAdoptsAMatchingOrphanAndReleasesItWhenItsLabelsStopMatching() {
        // given a pod a user declared, labelled like the ReplicaSet's pods, running
        Pods debug = Pods.pod("debug").uid("pod-uid-debug").label("app", "cache");
        declaredPods.pipeInput(debug.key(), debug.build(), now);
        bindAndRun(debug.key(), debug.build(), "node-1");

        // when a ReplicaSet of two selecting it is declared
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(2).build(), now);

        // then it adopts the pod, which counts: one pod is created, not two
        assertThat(controllerUid(debug.key())).isEqualTo("rs-uid-cache");
        assertThat(podOwners.rows().get(debug.key()).getPodUid()).isEqualTo("pod-uid-debug");
        assertThat(ownedPods.rows()).hasSize(1);
        assertThat(replicaSetStatus.rows().get("default/cache").getReplicas()).isEqualTo(2);
        assertThat(replicaSetStatus.rows().get("default/cache").getReadyReplicas()).isEqualTo(1);

        // when the user relabels the pod out of the selector
        Pods relabelled = Pods.pod("debug").uid("pod-uid-debug").label("app", "debugging");
        declaredPods.pipeInput(relabelled.key(), relabelled.build(), now);

        // then it is released, lives on as an orphan, and a replacement is created
        assertThat(controllerUid(debug.key())).isEmpty();
        assertThat(ownedPods.rows()).hasSize(2);
        assertThat(replicaSetStatus.rows().get("default/cache").getReplicas()).isEqualTo(2);
        assertThat(store(ReplicaSetController.ORPHANS_STORE)).containsOnlyKeys(debug.key());
    }

    @Test
    void anAdoptedPodThatAUserDeletesIsReplacedAndItsOwnershipTombstoned() {
        // given
        Pods debug = Pods.pod("debug").label("app", "cache");
        declaredPods.pipeInput(debug.key(), debug.build(), now);
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(2).build(), now);
        assertThat(ownedPods.rows()).hasSize(1);

        // when
        declaredPods.pipeInput(debug.key(), null, now);

        // then
        assertThat(podOwners.rows()).doesNotContainKey(debug.key());
        assertThat(podOwners.history()).last().isEqualTo(KeyValue.pair(debug.key(), null));
        assertThat(ownedPods.rows()).hasSize(2);
        assertThat(store(ReplicaSetController.USER_PODS_STORE)).isEmpty();
        assertThat(store(ReplicaSetController.PODS_BY_REPLICASET_STORE)).hasSize(2).doesNotContainValue(debug.key());
    }

    @Test
    void anOrphanDeclaredWhileAReplicaSetLacksNothingStaysAnOrphan() {
        // given
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").replicas(2).build(), now);

        // when
        Pods extra = Pods.pod("extra").label("app", "cache");
        declaredPods.pipeInput(extra.key(), extra.build(), now);

        // then
        assertThat(podOwners.rows()).isEmpty();
        assertThat(ownedPods.rows()).hasSize(2);
        assertThat(store(ReplicaSetController.ORPHANS_STORE)).containsOnlyKeys(extra.key());
    }

    @Test
    void aReplicaSetDeletedWithOrphanLeavesItsPodsForANewOneToAdopt() {
        // given a ReplicaSet with two running pods
        ReplicaSet cache = ReplicaSets.replicaSet("cache").replicas(2).build();
        replicaSets.pipeInput("default/cache", cache, now);
        bindAndRun("node-1");
        Map<String, Pod> pods = new HashMap<>(ownedPods.rows());
        eventReasons();

        // when it is deleted with propagationPolicy Orphan: the marked record, then the tombstone
        replicaSets.pipeInput("default/cache", orphaning(cache), now);
        replicaSets.pipeInput("default/cache", null, now);

        // then its pods live on, released, and its status goes
        assertThat(ownedPods.rows()).isEqualTo(pods);
        assertThat(pods.keySet()).allSatisfy(key -> assertThat(controllerUid(key)).isEmpty());
        assertThat(replicaSetStatus.rows()).isEmpty();
        assertThat(eventReasons()).isEmpty();

        // when a new ReplicaSet of that selector is declared
        replicaSets.pipeInput("default/cache", ReplicaSets.replicaSet("cache").uid("rs-uid-cache-2").replicas(2).build(), now);

        // then it adopts them and creates nothing
        assertThat(pods.keySet()).allSatisfy(key -> assertThat(controllerUid(key)).isEqualTo("rs-uid-cache-2"));
        assertThat(ownedPods.rows()).isEqualTo(pods);
        assertThat(replicaSetStatus.rows().get("default/cache").getReadyReplicas()).isEqualTo(2);
        assertThat(eventReasons()).isEmpty();
    }

    @Test
    void aReleasedPodThatAUserDeletesIsDeletedAndNotReplaced() {
        // given an orphan the controller wrote, left by a ReplicaSet deleted with propagationPolicy Orphan
        ReplicaSet cache = ReplicaSets.replicaSet("cache").replicas(1).build();
        replicaSets.pipeInput("default/cache", cache, now);
        replicaSets.pipeInput("default/cache", orphaning(cache), now);
        replicaSets.pipeInput("default/cache", null, now);
        Map.Entry<String, Pod> orphan = ownedPods.rows().entrySet().iterator().next();

        // when a user deletes it
        podDeletions.pipeInput(orphan.getKey(), deletionRequest(orphan.getValue()), now);

        // then
        assertThat(ownedPods.rows()).isEmpty();
        assertThat(podOwners.rows()).isEmpty();
        assertThat(store(ReplicaSetController.ORPHANS_STORE)).isEmpty();
        assertThat(store(ReplicaSetController.PODS_STORE)).isEmpty();
    }

    @Test
    void aDeploymentDeletedWithOrphanLeavesItsReplicaSetAndPodsForANewOneToAdopt() {
        // given
        Deployment web = Deployments.deployment("web").replicas(2).build();
        deployments.pipeInput("default/web", web, now);
        bindAndRun("node-1");
        Map<String, Pod> pods = new HashMap<>(ownedPods.rows());
        String replicaSetKey = ownedReplicaSets.rows().keySet().iterator().next();
        String replicaSetUid = ownedReplicaSets.rows().get(replicaSetKey).getMetadata().getUid();

        // when it is deleted with propagationPolicy Orphan: the marked record, then the tombstone
        Deployment deleting = Deployment.newBuilder(web).build();
        deleting.getMetadata().setDeletionTimestamp(now);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)));
        deployments.pipeInput("default/web", deleting, now);
        deployments.pipeInput("default/web", null, now);

        // then the ReplicaSet stays, without its owner, and still runs its pods; the Deployment's status goes
        assertThat(ownedReplicaSets.rows()).containsOnlyKeys(replicaSetKey);
        assertThat(ownedReplicaSets.rows().get(replicaSetKey).getMetadata().getOwnerReferences()).isEmpty();
        assertThat(ownedPods.rows()).isEqualTo(pods);
        assertThat(replicaSetStatus.rows().get(replicaSetKey).getReadyReplicas()).isEqualTo(2);
        assertThat(deploymentStatus.rows()).isEmpty();

        // when the Deployment is declared again
        deployments.pipeInput("default/web", Deployments.deployment("web").uid("web-uid-2").replicas(2).build(), now);

        // then it adopts the ReplicaSet, whose pods are kept
        ReplicaSet adopted = ownedReplicaSets.rows().get(replicaSetKey);
        assertThat(adopted.getMetadata().getUid()).isEqualTo(replicaSetUid);
        assertThat(adopted.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("web-uid-2");
        assertThat(ownedPods.rows()).isEqualTo(pods);
        assertThat(deploymentStatus.rows().get("default/web").getAvailableReplicas()).isEqualTo(2);
    }

    @Test
    void aDeploymentDeletedInTheForegroundDeletesThePodsOfItsReplicaSetThenTheReplicaSet() {
        // given
        Deployment web = Deployments.deployment("web").replicas(2).build();
        deployments.pipeInput("default/web", web, now);
        bindAndRun("node-1");
        String replicaSetKey = ownedReplicaSets.rows().keySet().iterator().next();
        int recordsBefore = ownedReplicaSets.history().size();

        // when the gateway marks it for foreground deletion (it deletes the Deployment itself once nothing is left)
        Deployment deleting = Deployment.newBuilder(web).build();
        deleting.getMetadata().setDeletionTimestamp(now);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.FOREGROUND_FINALIZER)));
        deployments.pipeInput("default/web", deleting, now);

        // then the ReplicaSet was marked, its pods and status went, and then the ReplicaSet itself
        List<KeyValue<String, ReplicaSet>> written = ownedReplicaSets.history()
                .subList(recordsBefore, ownedReplicaSets.history().size());
        assertThat(written).extracting(kv -> kv.key).containsExactly(replicaSetKey, replicaSetKey);
        assertThat(Owners.foregroundDeleting(written.get(0).value.getMetadata())).isTrue();
        assertThat(written.get(1).value).isNull();
        assertThat(ownedPods.rows()).isEmpty();
        assertThat(replicaSetStatus.rows()).isEmpty();
        assertThat(deploymentStatus.rows()).isEmpty();
    }

    /** Pipes an agent's report, under the key agents write it: {@code namespace/name/uid}. */
    private void report(String podKey, PodStatusReport report, Instant at) {
        podReports.pipeInput(Keys.podStatus(podKey, report.getPodUid()), report, at);
    }
}

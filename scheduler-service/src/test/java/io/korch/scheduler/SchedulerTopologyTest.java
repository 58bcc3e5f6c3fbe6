package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.BindOutcome;
import io.korch.api.BindRequest;
import io.korch.api.Event;
import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.model.EventReasons;
import io.korch.scheduler.placer.PlacerProcessor;
import io.korch.scheduler.testing.Assignments;
import io.korch.streams.StreamsConfigs;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology in a TopologyTestDriver, placers, binders and the cluster view together: pods and
 * nodes in, bindings, pod assignments and events out. The driver feeds every record a sink writes to
 * a topic the topology reads back in, so each request reaches its binder and each answer its placer.
 */
class SchedulerTopologyTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Pod> pods;
    private TestInputTopic<String, Pod> ownedPods;
    private TestInputTopic<String, Node> nodes;
    private TestInputTopic<String, Node> nodeSpecs;
    private TestInputTopic<String, NodeHealth> health;
    private TestOutputTopic<String, PodBinding> bindings;
    private Assignments assignments;
    private TestOutputTopic<String, BindOutcome> outcomes;
    private TestOutputTopic<String, Event> events;

    @BeforeEach
    void startDriver() {
        SchedulerConfig config = new SchedulerConfig("127.0.0.1:9", "scheduler-test", stateDir);
        driver = new TopologyTestDriver(
                SchedulerTopology.topology(Clock.fixed(NOW, ZoneOffset.UTC), new Random(0)),
                StreamsConfigs.of(config.streams()), NOW);
        createTopics();
    }

    private void createTopics() {
        pods = input(Topics.PODS);
        ownedPods = input(Topics.OWNED_PODS);
        nodes = input(Topics.NODES);
        nodeSpecs = input(Topics.NODE_SPECS);
        health = input(Topics.NODE_HEALTH);
        bindings = output(Topics.BINDINGS);
        assignments = new Assignments(output(Topics.POD_ASSIGNMENTS));
        outcomes = output(Topics.BIND_OUTCOMES);
        events = output(Topics.EVENTS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void bindsAPodAndWritesItsNodesAssignment() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods web = Pods.pod("web").cpu("250m");

        // when
        pods.pipeInput(web.key(), web.build());

        // then
        PodBinding binding = bindings.readKeyValuesToMap().get(web.key());
        assertThat(binding.getNodeName()).isEqualTo("node-1");
        assertThat(binding.getPodUid()).isEqualTo(web.build().getMetadata().getUid());
        assertThat(binding.getReason()).isNull();
        assertThat(binding.getTimestamp()).isEqualTo(NOW);

        Assignments.NodePods assignment = assignments.readKeyValuesToMap().get("node-1");
        assertThat(assignment.getPods()).singleElement().satisfies(pod -> {
            assertThat(pod.getMetadata().getName()).isEqualTo("web");
            assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1");
        });

        assertThat(events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo(EventReasons.SCHEDULED);
            assertThat(event.getMessage()).isEqualTo("Successfully assigned default/web to node-1");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("web");
        });
    }

    @Test
    void spreadsOwnedReplicasAndListsThemInEachNodesAssignment() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        nodes.pipeInput("node-2", Nodes.node("node-2").build());

        // when
        for (int i = 1; i <= 3; i++) {
            Pods replica = Pods.pod("web-" + i).cpu("100m").owner("rs-web");
            ownedPods.pipeInput(replica.key(), replica.build());
        }

        // then
        Map<String, PodBinding> bound = bindings.readKeyValuesToMap();
        assertThat(bound.values()).extracting(PodBinding::getNodeName).containsOnly("node-1", "node-2")
                .contains("node-1", "node-2");
        Map<String, Assignments.NodePods> latest = assignments.readKeyValuesToMap();
        assertThat(latest.get("node-1").getPods().size() + latest.get("node-2").getPods().size()).isEqualTo(3);
        latest.forEach((node, assignment) -> assertThat(assignment.getPods())
                .allSatisfy(pod -> assertThat(bound.get("default/" + pod.getMetadata().getName()).getNodeName())
                        .isEqualTo(node)));
    }

    @Test
    void deletingAPodTakesItOutOfItsNodesAssignment() {
        // given a bound pod
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        bindings.readRecordsToList();
        assignments.readRecordsToList();

        // when
        pods.pipeInput(web.key(), (Pod) null);
        viewChecked();

        // then the binding is tombstoned and the node's assignment is empty
        List<TestRecord<String, PodBinding>> tombstones = bindings.readRecordsToList();
        assertThat(tombstones).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(web.key());
            assertThat(record.value()).isNull();
        });
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods()).isEmpty();
    }

    @Test
    void explainsAnUnschedulablePodOnceThenBindsItWhenABigEnoughNodeAppears() {
        // given a small node
        nodes.pipeInput("small", Nodes.node("small").cpu("1").build());
        Pods big = Pods.pod("big").cpu("3");

        // when
        pods.pipeInput(big.key(), big.build());

        // then it is pending, with kube-scheduler's explanation
        PodBinding pending = bindings.readValue();
        assertThat(pending.getNodeName()).isNull();
        assertThat(pending.getReason()).isEqualTo(PlacerProcessor.UNSCHEDULABLE);
        assertThat(pending.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(events.readValuesToList()).extracting(Event::getReason)
                .containsExactly(EventReasons.FAILED_SCHEDULING);
        assertThat(assignments.isEmpty()).isTrue();

        // when retries run and nothing changed, then nothing new is written
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        nodes.pipeInput("small", Nodes.node("small").cpu("1").heartbeat(NOW.plusSeconds(5)).build());
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();

        // when a big enough node registers
        nodes.pipeInput("large", Nodes.node("large").cpu("4").build());
        viewChecked();

        // then the pod is bound there
        assertThat(bindings.readValue().getNodeName()).isEqualTo("large");
        assertThat(assignments.readKeyValuesToMap().get("large").getPods())
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("big");
    }

    @Test
    void bindsAPendingPodOnceItsNodeIsDeclaredReady() {
        // given a pod pending on a node that is not ready yet, by its own condition
        nodes.pipeInput("node-1", Nodes.node("node-1").ready("False").build());
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        assertThat(bindings.readValue().getMessage()).isEqualTo("0/1 nodes are available: 1 node(s) were not ready.");

        // when the node-lifecycle controller declares it ready
        health.pipeInput("node-1", Nodes.health("node-1", true));
        viewChecked();

        // then
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
    }

    @Test
    void explainsAChangedReasonAgain() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("1").build());
        Pods big = Pods.pod("big").cpu("2");
        pods.pipeInput(big.key(), big.build());
        events.readRecordsToList();

        // when a second node too small registers
        nodes.pipeInput("node-2", Nodes.node("node-2").cpu("1").build());
        viewChecked();

        // then
        assertThat(bindings.readKeyValuesToMap().get(big.key()).getMessage())
                .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
        assertThat(events.readValuesToList()).extracting(Event::getReason)
                .containsExactly(EventReasons.FAILED_SCHEDULING);
    }

    @Test
    void freesResourcesForAPendingPodWhenABoundPodIsDeleted() {
        // given a full node and a pending pod
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("1").build());
        Pods first = Pods.pod("first").cpu("1");
        Pods second = Pods.pod("second").cpu("1");
        pods.pipeInput(first.key(), first.build());
        pods.pipeInput(second.key(), second.build());
        assertThat(bindings.readKeyValuesToMap().get(second.key()).getNodeName()).isNull();

        // when
        pods.pipeInput(first.key(), (Pod) null);
        viewChecked();

        // then
        assertThat(bindings.readKeyValuesToMap()).containsKey(second.key());
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods())
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("second");
    }

    @Test
    void bindsAPodNamingItsNodeThereDirectly() {
        // given no node registered at all
        Pods pinned = Pods.pod("pinned").nodeName("node-9");

        // when
        pods.pipeInput(pinned.key(), pinned.build());

        // then
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-9");
        assertThat(assignments.readKeyValuesToMap().get("node-9").getPods()).hasSize(1);
    }

    @Test
    void keepsPodsOnANodeThatBecameNotReadyAndPlacesNewOnesElsewhere() {
        // given a pod on node-1
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods old = Pods.pod("old");
        pods.pipeInput(old.key(), old.build());
        bindings.readRecordsToList();
        assignments.readRecordsToList();
        nodes.pipeInput("node-2", Nodes.node("node-2").build());

        // when node-1 is declared NotReady and a new pod comes
        health.pipeInput("node-1", Nodes.health("node-1", false));
        Pods fresh = Pods.pod("fresh");
        pods.pipeInput(fresh.key(), fresh.build());

        // then the old pod keeps its binding and its node's assignment, the new one goes to node-2
        Map<String, PodBinding> written = bindings.readKeyValuesToMap();
        assertThat(written).containsOnlyKeys(fresh.key());
        assertThat(written.get(fresh.key()).getNodeName()).isEqualTo("node-2");
        assertThat(assignments.readKeyValuesToMap()).containsOnlyKeys("node-2");
    }

    @Test
    void neverReplacesABoundPodAndRewritesTheAssignmentOnlyWhenThePodChanged() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        nodes.pipeInput("node-2", Nodes.node("node-2").build());
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        String node = bindings.readValue().getNodeName();
        assignments.readRecordsToList();

        // when the same record comes again, then nothing is written
        pods.pipeInput(web.key(), web.build());
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(assignments.isEmpty()).isTrue();

        // when the pod changes (a label), then only its node's assignment is rewritten
        pods.pipeInput(web.key(), web.label("tier", "front").build());
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(assignments.read()).containsExactly(node);
        Assignments.NodePods assignment = assignments.current(node);
        assertThat(assignment.getPods().get(0).getMetadata().getLabels()).containsEntry("tier", "front");
    }

    @Test
    void treatsANewPodUnderAnOldNameAsANewPod() {
        // given pod web (uid a) bound to the only node, which is full with it
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("1").build());
        pods.pipeInput("default/web", Pods.pod("web").uid("a").cpu("1").build());
        bindings.readRecordsToList();

        // when a new pod with the same name and another uid arrives without a tombstone in between
        pods.pipeInput("default/web", Pods.pod("web").uid("b").cpu("1").build());

        // then the old one left the node, making room for the new one
        PodBinding binding = bindings.readValue();
        assertThat(binding.getPodUid()).isEqualTo("b");
        assertThat(binding.getNodeName()).isEqualTo("node-1");
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods())
                .extracting(pod -> pod.getMetadata().getUid()).containsExactly("b");
    }

    @Test
    void recordsAnInvalidPodAsUnschedulableWithoutRetryingIt() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods broken = Pods.pod("broken").container("c0").cpu("lots");

        // when
        pods.pipeInput(broken.key(), broken.build());
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        // then
        List<PodBinding> written = bindings.readValuesToList();
        assertThat(written).singleElement().satisfies(binding -> {
            assertThat(binding.getReason()).isEqualTo(PlacerProcessor.UNSCHEDULABLE);
            assertThat(binding.getMessage()).startsWith("invalid pod: container \"c0\": cpu");
        });
    }

    @Test
    void recordsAPodWhoseRequestsOverflowAsInvalidWithoutRetryingItAndGoesOn() {
        // given a node, and a pod of two containers asking 7Ei of memory each
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods overflowing = Pods.pod("overflowing").memory("7Ei").sidecar("sidecar").memory("7Ei");

        // when
        pods.pipeInput(overflowing.key(), overflowing.build());
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        // then it is explained once and dropped from the pending pods
        assertThat(bindings.readValuesToList()).singleElement().satisfies(binding -> {
            assertThat(binding.getNodeName()).isNull();
            assertThat(binding.getReason()).isEqualTo(PlacerProcessor.UNSCHEDULABLE);
            assertThat(binding.getMessage()).startsWith("invalid pod: memory requests overflow");
        });

        // when another pod comes, then it is scheduled as usual
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
    }

    @Test
    void skipsARecordWhoseSchedulingThrowsUnexpectedlyAndGoesOn() {
        // given a scheduler whose tie-breaking throws while broken, and two equal nodes so that it is drawn
        driver.close();
        BreakableRandom random = new BreakableRandom();
        driver = new TopologyTestDriver(SchedulerTopology.topology(Clock.fixed(NOW, ZoneOffset.UTC), random),
                StreamsConfigs.of(new SchedulerConfig("127.0.0.1:9", "scheduler-test", stateDir).streams()), NOW);
        createTopics();
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        nodes.pipeInput("node-2", Nodes.node("node-2").build());
        Pods unlucky = Pods.pod("unlucky");

        // when placing a pod throws
        random.broken = true;
        pods.pipeInput(unlucky.key(), unlucky.build());

        // then the record is skipped whole: nothing written, nothing stored
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(assignments.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
        KeyValueStore<String, Pod> podStore = driver.getKeyValueStore(PlacerProcessor.PODS_STORE);
        assertThat(podStore.get(unlucky.key())).isNull();

        // when the next pod comes, then it is scheduled as usual
        random.broken = false;
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        assertThat(bindings.readKeyValuesToMap()).containsOnlyKeys(web.key());
    }

    @Test
    void readsExactlyItsDeclaredInputs() {
        Set<String> sources = SchedulerTopology.topology(Clock.systemUTC(), new Random(0)).describe().subtopologies()
                .stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
        SchedulerTopology.topology(Clock.systemUTC(), new Random(0)).describe().globalStores()
                .forEach(store -> sources.addAll(store.source().topicSet()));

        assertThat(sources).containsExactlyInAnyOrderElementsOf(
                SchedulerTopology.INPUTS.stream().map(Topic::name).toList());
    }

    @Test
    void keepsARunningPodOnItsNodeWhenAnUpdateIsUnreadable() {
        // given a bound pod
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        pods.pipeInput("default/web", Pods.pod("web").cpu("1").build());
        bindings.readRecordsToList();
        assignments.readRecordsToList();

        // when an update carries a quantity the scheduler cannot read
        pods.pipeInput("default/web", Pods.pod("web").cpu("lots").build());

        // then nothing changes for the node
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(assignments.isEmpty()).isTrue();
    }

    @Test
    void writesNothingForHeartbeats() {
        // given
        nodes.pipeInput("node-1", Nodes.node("node-1").build());

        // when
        for (int i = 1; i <= 3; i++) {
            nodes.pipeInput("node-1", Nodes.node("node-1").heartbeat(NOW.plusSeconds(i)).build());
        }

        // then
        assertThat(bindings.isEmpty()).isTrue();
        assertThat(assignments.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void keysEventsByTheInvolvedPod() {
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        pods.pipeInput("team-a/api", Pods.pod("api").namespace("team-a").build());

        assertThat(events.readKeyValuesToList().stream().map(kv -> kv.key).collect(Collectors.toList()))
                .containsExactly("team-a/api");
    }

    @Test
    void bindsAPendingPodOnceADeclaredLabelSatisfiesItsNodeSelector() {
        // given a pod selecting disk=ssd, pending on a node whose agent registered no such label
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods db = Pods.pod("db").nodeSelector("disk", "ssd");
        pods.pipeInput(db.key(), db.build());
        assertThat(bindings.readValue().getMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");

        // when users declare the label on the node
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").label("disk", "ssd").build());
        viewChecked();

        // then the pod is tried again and bound there
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods())
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("db");
    }

    @Test
    void keepsDeclaredLabelsOverTheAgentsHeartbeats() {
        // given a node labelled by its declaration
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").label("disk", "ssd").build());
        nodes.pipeInput("node-1", Nodes.node("node-1").build());

        // when the agent heartbeats with its own record, without the label
        nodes.pipeInput("node-1", Nodes.node("node-1").heartbeat(NOW).build());
        Pods db = Pods.pod("db").nodeSelector("disk", "ssd");
        pods.pipeInput(db.key(), db.build());

        // then the declared label still counts
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
    }

    @Test
    void placesNothingOnANodeCordonedByItsDeclarationUntilItIsUncordoned() {
        // given a registered node that users cordoned
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").unschedulable().build());

        // when a pod comes
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());

        // then NodeReady rejects the node as kube-scheduler words it
        assertThat(bindings.readValue().getMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) were unschedulable.");
        assertThat(assignments.isEmpty()).isTrue();

        // when users uncordon it
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").schedulable().build());
        viewChecked();

        // then the pending pod is tried again and bound there
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
    }

    @Test
    void keepsPodsOnACordonedNodeAndPlacesNewOnesElsewhere() {
        // given a pod on node-1, then node-2 registers and node-1 is cordoned
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        Pods old = Pods.pod("old");
        pods.pipeInput(old.key(), old.build());
        bindings.readRecordsToList();
        assignments.readRecordsToList();
        nodes.pipeInput("node-2", Nodes.node("node-2").build());
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").unschedulable().build());

        // when a new pod comes
        Pods fresh = Pods.pod("fresh");
        pods.pipeInput(fresh.key(), fresh.build());

        // then the old pod stays, the new one goes to node-2
        Map<String, PodBinding> written = bindings.readKeyValuesToMap();
        assertThat(written).containsOnlyKeys(fresh.key());
        assertThat(written.get(fresh.key()).getNodeName()).isEqualTo("node-2");
        assertThat(assignments.readKeyValuesToMap()).containsOnlyKeys("node-2");
    }

    @Test
    void countsADeletedNodeNoMoreAndKeepsItsPodsUntilItsAgentRegistersAgain() {
        // given a pod on node-1, and node-2 too small for the next pod
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("2").build());
        Pods old = Pods.pod("old").cpu("1");
        pods.pipeInput(old.key(), old.build());
        bindings.readRecordsToList();
        assignments.readRecordsToList();
        nodes.pipeInput("node-2", Nodes.node("node-2").cpu("500m").build());

        // when users delete node-1 (after its last heartbeat) and a pod comes that only node-1 could take
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").deleted(NOW).build());
        Pods fresh = Pods.pod("fresh").cpu("1");
        pods.pipeInput(fresh.key(), fresh.build());

        // then node-1 is no candidate: only node-2 is counted; the old pod keeps its binding and assignment
        Map<String, PodBinding> written = bindings.readKeyValuesToMap();
        assertThat(written).containsOnlyKeys(fresh.key());
        assertThat(written.get(fresh.key()).getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(assignments.isEmpty()).isTrue();

        // when a heartbeat older than the deletion arrives, then node-1 stays deleted
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("2").heartbeat(NOW.minusSeconds(1)).build());
        assertThat(bindings.isEmpty()).isTrue();

        // when its agent heartbeats after the deletion, it has registered anew
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("2").heartbeat(NOW.plusSeconds(1)).build());
        viewChecked();

        // then the pending pod is bound there, next to the old one
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods())
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("fresh", "old");
    }

    @Test
    void explainsThatNoNodeIsLeftOnceTheOnlyNodeIsDeleted() {
        // given a pending pod on the only node, cordoned
        nodes.pipeInput("node-1", Nodes.node("node-1").build());
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").unschedulable().build());
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());
        bindings.readRecordsToList();

        // when users delete the node
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").unschedulable().deleted(NOW).build());
        viewChecked();

        // then the pod's explanation counts no node at all
        assertThat(bindings.readValue().getMessage())
                .isEqualTo("0/0 nodes are available: no nodes available to schedule pods.");
    }

    @Test
    void countsANodeDeclaredButNeverRegisteredAsNotReady() {
        // given only a declaration
        nodeSpecs.pipeInput("node-1", Nodes.declared("node-1").label("disk", "ssd").build());

        // when
        Pods web = Pods.pod("web");
        pods.pipeInput(web.key(), web.build());

        // then
        assertThat(bindings.readValue().getMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) were not ready.");
    }

    @Test
    void ofTwoPlacersRacingForTheLastFreeCpuOfANodeExactlyOneWins() {
        // given a node with 1 cpu, half of it taken
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("1").build());
        Pods first = Pods.pod("first").cpu("500m");
        pods.pipeInput(first.key(), first.build());
        assertThat(bindings.readValue().getNodeName()).isEqualTo("node-1");
        assignments.readRecordsToList();

        // when two placers of other processes, each with a view in which the free half is still free,
        // ask the node's binder for it at once
        Pods a = Pods.pod("a").namespace("team-a").cpu("500m").nodeName("node-1");
        Pods b = Pods.pod("b").namespace("team-b").cpu("500m").nodeName("node-1");
        TestInputTopic<String, BindRequest> requests = input(Topics.BIND_REQUESTS);
        requests.pipeInput(Keys.onNode("node-1", a.key()), request(a));
        requests.pipeInput(Keys.onNode("node-1", b.key()), request(b));

        // then the first request read wins, the other is refused with the reason, and the node is not overcommitted
        Map<String, BindOutcome> answers = outcomes.readKeyValuesToMap();
        assertThat(answers.get(Keys.outcome(a.key(), "node-1")).getAccepted()).isTrue();
        assertThat(answers.get(Keys.outcome(b.key(), "node-1")).getAccepted()).isFalse();
        assertThat(answers.get(Keys.outcome(b.key(), "node-1")).getReason()).isEqualTo("Insufficient cpu");
        assertThat(assignments.readKeyValuesToMap().get("node-1").getPods())
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("first", "a");
    }

    @Test
    void placesAPodElsewhereWhenItsNodesBinderRefusesItAndExplainsWhenNothingFits() {
        // given two nodes with 1 cpu each, one full already
        nodes.pipeInput("node-1", Nodes.node("node-1").cpu("1").build());
        Pods full = Pods.pod("full").cpu("1").nodeName("node-1");
        pods.pipeInput(full.key(), full.build());
        bindings.readRecordsToList();

        // when a pod of 1 cpu comes, then it goes to the free node
        Pods web = Pods.pod("web").cpu("1");
        nodes.pipeInput("node-2", Nodes.node("node-2").cpu("1").build());
        pods.pipeInput(web.key(), web.build());
        assertThat(bindings.readKeyValuesToMap().get(web.key()).getNodeName()).isEqualTo("node-2");

        // when one more comes, then it waits, with the reason
        Pods late = Pods.pod("late").cpu("1");
        pods.pipeInput(late.key(), late.build());
        assertThat(bindings.readKeyValuesToMap().get(late.key()).getMessage())
                .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
    }

    private static BindRequest request(Pods pod) {
        return BindRequest.newBuilder().setPod(pod.build()).setRequestedByPod(false).setRequestedAt(NOW).build();
    }

    /** A generator that throws while {@link #broken}, like a plugin with a bug would. */
    private static final class BreakableRandom implements RandomGenerator {

        private final Random delegate = new Random(0);
        volatile boolean broken;

        @Override
        public long nextLong() {
            if (broken) {
                throw new IllegalStateException("injected failure");
            }
            return delegate.nextLong();
        }
    }

    /** Lets the placers see the view change: they look every {@link PlacerProcessor#VIEW_CHECK_INTERVAL}. */
    private void viewChecked() {
        driver.advanceWallClockTime(PlacerProcessor.VIEW_CHECK_INTERVAL);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}

package io.korch.scheduler;

import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.scheduler.filter.NodePorts;
import io.korch.scheduler.filter.NodeReady;
import io.korch.scheduler.filter.NodeSelector;
import io.korch.scheduler.filter.ResourcesFit;
import io.korch.scheduler.framework.FilterPlugin;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.NodeSampling;
import io.korch.scheduler.framework.Placement;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standard pipeline end to end on in-memory nodes: spreading, exhaustion, explanations, selectors. */
class SchedulingPipelineTest {

    private final NodeCache cluster = new NodeCache();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 42, 4711})
    void spreadsThreeReplicasOfOneOwnerOverTwoNodes(long seed) {
        // given two equal nodes
        addNode(Nodes.node("node-a"));
        addNode(Nodes.node("node-b"));
        SchedulingPipeline pipeline = StandardPipeline.create(new Random(seed));

        // when three replicas of one owner are placed one after the other
        for (int i = 1; i <= 3; i++) {
            assertThat(placeAndBind(pipeline, podInfo(Pods.pod("web-" + i).cpu("100m").owner("rs-web"))).bound()).isTrue();
        }

        // then both nodes run some, and neither runs all
        assertThat(podsPerNode()).containsOnlyKeys("node-a", "node-b");
        assertThat(podsPerNode().values()).containsExactlyInAnyOrder(2, 1);
    }

    @Test
    void spreadsReplicasEvenWhenOneNodeIsSomewhatEmptier() {
        // given node-a has more room left than node-b
        addNode(Nodes.node("node-a").cpu("8"));
        addNode(Nodes.node("node-b").cpu("4"));
        SchedulingPipeline pipeline = StandardPipeline.create(new Random(0));

        // when
        placeAndBind(pipeline, podInfo(Pods.pod("web-1").cpu("500m").owner("rs")));
        placeAndBind(pipeline, podInfo(Pods.pod("web-2").cpu("500m").owner("rs")));

        // then
        assertThat(podsPerNode()).containsEntry("node-a", 1).containsEntry("node-b", 1);
    }

    @Test
    void explainsThatNoNodeHasCpuLeftOnceTheyAreFull() {
        // given two nodes of one cpu each
        addNode(Nodes.node("node-a").cpu("1"));
        addNode(Nodes.node("node-b").cpu("1"));
        SchedulingPipeline pipeline = StandardPipeline.create(new Random(0));

        // when four pods of 600m come, only one fits per node
        List<Placement> placements = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            placements.add(placeAndBind(pipeline, podInfo(Pods.pod("p-" + i).cpu("600m"))));
        }

        // then
        assertThat(placements).extracting(Placement::bound).containsExactly(true, true, false, false);
        assertThat(placements.get(2).message()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
        assertThat(placements.get(2).rejections()).isEqualTo(Map.of(ResourcesFit.INSUFFICIENT_CPU, 2));
        assertThat(podsPerNode()).containsEntry("node-a", 1).containsEntry("node-b", 1);
    }

    @Test
    void countsRejectionsPerFilterInTheExplanation() {
        // given one node without the label and two that are not ready
        addNode(Nodes.node("node-a").label("disk", "hdd"));
        addNode(Nodes.node("node-b").label("disk", "ssd").ready("False"));
        addNode(Nodes.node("node-c").label("disk", "ssd"));
        cluster.getOrCreate("node-c").setHealth(Nodes.health("node-c", false));

        // when
        Placement placement = StandardPipeline.create(new Random(0))
                .place(podInfo(Pods.pod("db").nodeSelector("disk", "ssd")), cluster.candidates());

        // then
        assertThat(placement.bound()).isFalse();
        assertThat(placement.rejections()).isEqualTo(Map.of(NodeSelector.MISMATCH, 1, NodeReady.NOT_READY, 2));
        assertThat(placement.message()).isEqualTo("0/3 nodes are available: "
                + "1 node(s) didn't match Pod's node affinity/selector, 2 node(s) were not ready.");
    }

    @Test
    void placesAPodOnlyOnNodesMatchingItsNodeSelector() {
        // given the emptier node lacks the label
        addNode(Nodes.node("node-a").cpu("16"));
        addNode(Nodes.node("node-b").cpu("2").label("disk", "ssd"));

        // when
        Placement placement = StandardPipeline.create(new Random(0))
                .place(podInfo(Pods.pod("db").cpu("1").nodeSelector("disk", "ssd")), cluster.candidates());

        // then
        assertThat(placement.nodeName()).isEqualTo("node-b");
    }

    @Test
    void prefersTheLeastAllocatedNodeForPodsOfDifferentOwners() {
        // given node-a already runs a big pod
        addNode(Nodes.node("node-a"));
        addNode(Nodes.node("node-b"));
        cluster.get("node-a").add(podInfo(Pods.pod("big").cpu("3").memory("4Gi")).boundTo("node-a"));

        // when
        Placement placement = StandardPipeline.create(new Random(0))
                .place(podInfo(Pods.pod("small").cpu("100m")), cluster.candidates());

        // then
        assertThat(placement.nodeName()).isEqualTo("node-b");
    }

    @Test
    void skipsCordonedNodes() {
        addNode(Nodes.node("node-a").unschedulable());
        addNode(Nodes.node("node-b").cpu("1"));

        Placement placement = StandardPipeline.create(new Random(0)).place(podInfo(Pods.pod("p")), cluster.candidates());

        assertThat(placement.nodeName()).isEqualTo("node-b");
    }

    @Test
    void breaksTiesTheSameWayForTheSameSeed() {
        // given ten equal nodes
        for (int i = 0; i < 10; i++) {
            addNode(Nodes.node("node-" + i));
        }
        PodInfo pod = podInfo(Pods.pod("p"));

        // when
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        SchedulingPipeline one = StandardPipeline.create(new Random(7));
        SchedulingPipeline two = StandardPipeline.create(new Random(7));
        for (int i = 0; i < 20; i++) {
            first.add(one.place(pod, cluster.candidates()).nodeName());
            second.add(two.place(pod, cluster.candidates()).nodeName());
        }

        // then the choice is reproducible and still uses more than one node
        assertThat(first).isEqualTo(second);
        assertThat(new HashSet<>(first)).hasSizeGreaterThan(1);
    }

    @Test
    void stopsFilteringOnceEnoughNodesFitAndStartsTheNextSearchWhereItStopped() {
        // given 1,000 equal nodes, of which the adaptive sampling looks for 420 that fit
        for (int i = 0; i < 1000; i++) {
            addNode(Nodes.node(String.format("node-%04d", i)));
        }
        CountingFilter counting = new CountingFilter();
        SchedulingPipeline standard = StandardPipeline.create(new Random(0));
        SchedulingPipeline pipeline = new SchedulingPipeline(List.of(counting), standard.scores(), new Random(0),
                NodeSampling.ADAPTIVE);
        List<NodeInfo> candidates = cluster.candidates();

        // when two pods are placed
        pipeline.place(podInfo(Pods.pod("a")), candidates);
        List<String> first = List.copyOf(counting.seen);
        counting.seen.clear();
        pipeline.place(podInfo(Pods.pod("b")), candidates);

        // then each search filtered 420 nodes, the second starting after the first
        assertThat(first).hasSize(420).startsWith("node-0000").endsWith("node-0419");
        assertThat(counting.seen).hasSize(420).startsWith("node-0420").endsWith("node-0839");
    }

    @Test
    void looksAtEveryNodeBeforeItExplainsThatAPodFitsNowhere() {
        for (int i = 0; i < 1000; i++) {
            addNode(Nodes.node(String.format("node-%04d", i)).cpu("1"));
        }
        SchedulingPipeline pipeline = StandardPipeline.create(new Random(0), NodeSampling.ADAPTIVE);

        Placement placement = pipeline.place(podInfo(Pods.pod("big").cpu("2")), cluster.candidates());

        assertThat(placement.message()).isEqualTo("0/1000 nodes are available: 1000 Insufficient cpu.");
    }

    /** Passes every node and remembers which it was asked about. */
    private static final class CountingFilter implements FilterPlugin {
        final List<String> seen = new ArrayList<>();

        @Override
        public String name() {
            return "Counting";
        }

        @Override
        public List<String> filter(PodInfo pod, NodeInfo node) {
            seen.add(node.name());
            return List.of();
        }
    }

    @Test
    void runsTheFiltersCheapestFirst() {
        assertThat(StandardPipeline.create(new Random(0)).filters())
                .extracting(filter -> filter.name())
                .containsExactly(NodeReady.NAME, NodeSelector.NAME, NodePorts.NAME, ResourcesFit.NAME);
    }

    private void addNode(Nodes node) {
        cluster.getOrCreate(node.build().getMetadata().getName()).setNode(node.build());
    }

    private Placement placeAndBind(SchedulingPipeline pipeline, PodInfo pod) {
        Placement placement = pipeline.place(pod, cluster.candidates());
        if (placement.bound()) {
            cluster.get(placement.nodeName()).add(pod.boundTo(placement.nodeName()));
        }
        return placement;
    }

    private Map<String, Integer> podsPerNode() {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeInfo node : cluster.all()) {
            if (node.podCount() > 0) {
                counts.put(node.name(), node.podCount());
            }
        }
        return counts;
    }
}

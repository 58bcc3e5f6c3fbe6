package io.korch.scheduler.framework;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A node's incremental bookkeeping. */
class NodeInfoTest {

    @Test
    void keepsRunningTotalsAsPodsComeAndGo() {
        // given
        NodeInfo node = nodeInfo(Nodes.node("n"));

        // when
        node.add(podInfo(Pods.pod("a").cpu("500m").memory("1Gi").owner("rs")).boundTo("n"));
        node.add(podInfo(Pods.pod("b").cpu("250m").owner("rs")).boundTo("n"));
        node.remove("default/a");

        // then
        assertThat(node.requestedCpuMillis()).isEqualTo(250);
        assertThat(node.requestedMemoryBytes()).isZero();
        assertThat(node.podCount()).isEqualTo(1);
        assertThat(node.podsOfOwner("rs")).isEqualTo(1);
    }

    @Test
    void replacesAnEarlierVersionOfTheSamePodInsteadOfCountingItTwice() {
        NodeInfo node = nodeInfo(Nodes.node("n"));

        node.add(podInfo(Pods.pod("a").cpu("500m").owner("rs")).boundTo("n"));
        node.add(podInfo(Pods.pod("a").cpu("700m").owner("rs")).boundTo("n"));

        assertThat(node.requestedCpuMillis()).isEqualTo(700);
        assertThat(node.podCount()).isEqualTo(1);
        assertThat(node.podsOfOwner("rs")).isEqualTo(1);
    }

    @Test
    void ignoresRemovingAPodThatIsNotThere() {
        NodeInfo node = nodeInfo(Nodes.node("n"));

        assertThat(node.remove("default/ghost")).isNull();
        assertThat(node.requestedCpuMillis()).isZero();
    }

    @Test
    void readsAllocatableFromTheNodeRecord() {
        NodeInfo node = nodeInfo(Nodes.node("n").cpu("1500m").memory("2Gi").maxPods(10));

        assertThat(node.allocatableCpuMillis()).isEqualTo(1500);
        assertThat(node.allocatableMemoryBytes()).isEqualTo(2L << 30);
        assertThat(node.allocatablePods()).isEqualTo(10);
    }

    @Test
    void tellsAHeartbeatApartFromAChangeTheFiltersSee() {
        // given
        NodeInfo node = new NodeInfo("n");
        assertThat(node.setNode(Nodes.node("n").build())).isTrue();

        // when / then
        assertThat(node.setNode(Nodes.node("n").heartbeat(Instant.parse("2024-01-01T00:00:05Z")).build())).isFalse();
        assertThat(node.setNode(Nodes.node("n").label("disk", "ssd").build())).isTrue();
        assertThat(node.setNode(Nodes.node("n").label("disk", "ssd").cpu("8").build())).isTrue();
        assertThat(node.setNode(Nodes.node("n").label("disk", "ssd").cpu("8").ready("False").build())).isTrue();
        assertThat(node.setNode(null)).isTrue();
    }

    @Test
    void reportsAChangedVerdictOnly() {
        NodeInfo node = new NodeInfo("n");

        assertThat(node.setHealth(Nodes.health("n", true))).isTrue();
        assertThat(node.setHealth(Nodes.health("n", true))).isFalse();
        assertThat(node.setHealth(Nodes.health("n", false))).isTrue();
    }

    @Test
    void isForgottenOnlyWithoutRecordVerdictAndPods() {
        NodeInfo node = new NodeInfo("n");
        assertThat(node.forgotten()).isTrue();

        node.add(podInfo(Pods.pod("a")).boundTo("n"));
        assertThat(node.forgotten()).isFalse();
        assertThat(node.exists()).isFalse();
    }

    @Test
    void showsTheNodeWithoutOnePodAndLeavesItselfAlone() {
        // given
        NodeInfo node = nodeInfo(Nodes.node("n").cpu("2"));
        node.add(podInfo(Pods.pod("a").cpu("500m").owner("rs")).boundTo("n"));
        node.add(podInfo(Pods.pod("b").cpu("250m").owner("rs")).boundTo("n"));

        // when
        NodeInfo without = node.without("default/a");

        // then
        assertThat(without.requestedCpuMillis()).isEqualTo(250);
        assertThat(without.podsOfOwner("rs")).isEqualTo(1);
        assertThat(without.allocatableCpuMillis()).isEqualTo(2000);
        assertThat(without.exists()).isTrue();
        assertThat(node.requestedCpuMillis()).isEqualTo(750);
        assertThat(node.podCount()).isEqualTo(2);
    }
}

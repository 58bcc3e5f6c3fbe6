package io.korch.cli.output;

import static io.korch.cli.testing.Fixtures.deployment;
import static io.korch.cli.testing.Fixtures.node;
import static io.korch.cli.testing.Fixtures.pod;
import static io.korch.cli.testing.Fixtures.running;
import static io.korch.cli.testing.Fixtures.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;
import io.korch.api.ReplicaSetStatus;
import io.korch.cli.output.describe.DeploymentDescriber;
import io.korch.cli.output.describe.DescribeContext;
import io.korch.cli.output.describe.EventHistory;
import io.korch.cli.output.describe.NodeDescriber;
import io.korch.cli.output.describe.PodDescriber;
import io.korch.cli.testing.Cli;
import io.korch.cli.testing.Fixtures;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.testkit.ClusterEvents;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescribersTest {

    private static final DescribeContext AT = new DescribeContext(Cli.NOW, ZoneOffset.UTC);

    @Test
    void describesARunningPodWithItsNodeContainerAndEvents() {
        // given
        Pod pod = pod("web-1").label("app", "web").nodeName("node-1").status(running(1)).build();
        pod.getMetadata().setOwnerReferences(List.of(OwnerReference.newBuilder()
                .setApiVersion("apps/v1").setKind("ReplicaSet").setName("web-7d9f").setUid("rs-uid").setController(true).build()));
        Event started = Events.of(Events.ref("Pod", "default", "web-1", "web-1-uid"), Events.NORMAL, EventReasons.STARTED,
                "Started container main", "agent", "node-1", Cli.NOW.minusSeconds(90));

        // when
        String report = PodDescriber.describe(pod, EventHistory.of(List.of(started)), AT);

        // then
        assertThat(report).contains(
                "Name:           web-1\n",
                "Node:           node-1/127.0.0.1\n",
                "Labels:         app=web\n",
                "Status:         Running\n",
                "Controlled By:  ReplicaSet/web-7d9f\n",
                "Containers:\n  main:\n",
                "    Image:         korch/busybox:latest\n",
                "    State:          Running\n",
                "    Restart Count:  1\n",
                "      cpu:        50m\n",
                "Events:\n",
                "  Type    Reason   Age  From           Message\n",
                "  Normal  Started  90s  agent, node-1  Started container main\n");
    }

    @Test
    void showsARepeatedEventOnceWithHowOftenAndOverHowLongItHappened() {
        // given
        Pod pod = pod("web-1").nodeName("node-1").status(running(3)).build();
        Event backOff = ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF)
                .message("Back-off 40s restarting failed container main in pod web-1")
                .seen(3, Cli.NOW.minus(Duration.ofMinutes(5)), Cli.NOW.minus(Duration.ofMinutes(2))).build();

        // when
        String report = PodDescriber.describe(pod, EventHistory.of(List.of(backOff)), AT);

        // then
        assertThat(report).contains(
                "  Type     Reason   Age              From           Message\n",
                "  Warning  BackOff  2m (x3 over 5m)  agent, node-1  Back-off 40s restarting failed container main in pod web-1\n");
    }

    @Test
    void explainsWhyAPendingPodFitsNowhere() {
        // given
        Pod pod = pod("too-big").status(unschedulable("0/2 nodes are available: 2 Insufficient cpu.")).build();

        // when
        String report = PodDescriber.describe(pod, EventHistory.of(List.of()), AT);

        // then
        assertThat(report).contains(
                "Node:         <none>\n",
                "Status:       Pending\n",
                "Reason:       Unschedulable\n",
                "Message:      0/2 nodes are available: 2 Insufficient cpu.\n",
                "  PodScheduled   False   Unschedulable  0/2 nodes are available: 2 Insufficient cpu.\n",
                "Events:          <none>\n");
    }

    @Test
    void saysWhyEventsAreMissingWhenTheyCannotBeRead() {
        // when
        String report = PodDescriber.describe(pod("web-1").build(), EventHistory.unavailable("boom"), AT);

        // then
        assertThat(report).contains("Events:").contains("<unavailable: boom>");
    }

    @Test
    void describesANodeWithItsPodsAndAllocatedResources() {
        // given
        List<Pod> pods = List.of(
                pod("web-1").nodeName("node-1").status(running(0)).build(),
                pod("web-2").nodeName("node-1").status(running(0)).build());

        // when
        String report = NodeDescriber.describe(node("node-1", true), pods, EventHistory.of(List.of()), AT);

        // then
        assertThat(report).contains(
                "Name:               node-1\n",
                "Unschedulable:      false\n",
                "  Ready  True    Wed, 31 Jan 2024 11:59:59 +0000  <unknown>           KubeletReady\n",
                "  InternalIP:  127.0.0.1\n",
                "  cpu:     2\n",
                "  Kubelet Version:            korch-0.1.0\n",
                "Non-terminated Pods:          (2 in total)\n",
                "  default                     web-1  50m (2%)      0 (0%)      16Mi (0%)        0 (0%)         5m\n",
                "  cpu       100m (5%)  0 (0%)\n",
                "  memory    32Mi (0%)  0 (0%)\n");
    }

    @Test
    void describesADeploymentWithItsReplicasAndNewestReplicaSet() {
        // given
        ReplicaSet current = replicaSet("web-new", "2", 3);
        ReplicaSet old = replicaSet("web-old", "1", 0);

        // when
        String report = DeploymentDescriber.describe(deployment("web", 3, 2), List.of(old, current),
                EventHistory.of(List.of()), AT);

        // then
        assertThat(report).contains(
                "Selector:           app=web\n",
                "Replicas:           3 desired | 3 updated | 3 total | 2 available | 1 unavailable\n",
                "StrategyType:       RollingUpdate\n",
                "Pod Template:\n  Labels:  app=web\n  Containers:\n    web:\n",
                "OldReplicaSets:     web-old (0/0 replicas created)\n",
                "NewReplicaSet:      web-new (3/3 replicas created)\n");
    }

    private static ReplicaSet replicaSet(String name, String revision, int replicas) {
        var deployment = deployment("web", replicas, replicas);
        var meta = Fixtures.meta("default", name, Duration.ofMinutes(1));
        meta.setAnnotations(Map.of("deployment.kubernetes.io/revision", revision));
        return ReplicaSet.newBuilder()
                .setMetadata(meta)
                .setSpec(ReplicaSetSpec.newBuilder()
                        .setReplicas(replicas)
                        .setSelector(deployment.getSpec().getSelector())
                        .setTemplate(deployment.getSpec().getTemplate())
                        .build())
                .setStatus(ReplicaSetStatus.newBuilder().setReplicas(replicas).build())
                .build();
    }
}

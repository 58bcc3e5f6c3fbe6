package io.korch.scheduler.filter;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.scheduler.StandardPipeline;
import io.korch.scheduler.framework.HostPort;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.Placement;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases of the host-port filter, and its reason in the pipeline's explanation. */
class NodePortsTest {

    /** A pod whose one container asks for each {@code protocol/hostPort} of {@code ports}. */
    private static PodInfo asking(String name, String... ports) {
        List<ContainerPort> declared = Stream.of(ports).map(port -> {
            String[] parts = port.split("/");
            return ContainerPort.newBuilder().setProtocol(parts[0]).setContainerPort(80)
                    .setHostPort(Integer.parseInt(parts[1])).build();
        }).toList();
        Container container = Container.newBuilder().setName("main").setImage(Pods.IMAGE).setPorts(declared).build();
        Pod pod = Pods.pod(name).containers(List.of(container)).build();
        return PodInfo.of("default/" + name, pod);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a pod asking for no host port fits anywhere", List.of("TCP/8080"), List.of(), true),
                Arguments.of("a free port fits", List.of("TCP/8080"), List.of("TCP/8081"), true),
                Arguments.of("the same port and protocol is taken", List.of("TCP/8080"), List.of("TCP/8080"), false),
                Arguments.of("another protocol on the same port is free", List.of("TCP/53"), List.of("UDP/53"), true),
                Arguments.of("one taken port of several is enough to refuse", List.of("UDP/53"),
                        List.of("TCP/53", "UDP/53"), false),
                Arguments.of("an empty node fits", List.of(), List.of("TCP/80"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesANodeWhereABoundPodUsesARequestedHostPort(String description, List<String> used, List<String> wanted,
                                                       boolean fits) {
        NodeInfo node = used.isEmpty() ? nodeInfo(Nodes.node("n"))
                : nodeInfo(Nodes.node("n"), asking("bound", used.toArray(String[]::new)));
        PodInfo pod = asking("new", wanted.toArray(String[]::new));

        assertThat(new NodePorts().filter(pod, node)).isEqualTo(fits ? List.of() : List.of(NodePorts.PORTS_TAKEN));
    }

    @Test
    void aPortIsFreeAgainOnceThePodUsingItLeavesTheNode() {
        NodeInfo node = nodeInfo(Nodes.node("n"), asking("bound", "TCP/8080"));
        node.remove("default/bound");

        assertThat(NodePorts.fits(List.of(new HostPort("TCP", 8080)), node)).isTrue();
    }

    @Test
    void aPodOnTheHostNetworkTakesItsContainerPortsOnTheNode() {
        Container container = Container.newBuilder().setName("main").setImage(Pods.IMAGE)
                .setPorts(List.of(ContainerPort.newBuilder().setContainerPort(9100).build())).build();
        Pod pod = Pods.pod("exporter").containers(List.of(container)).build();
        Pod onHost = Pod.newBuilder(pod).setSpec(PodSpec.newBuilder(pod.getSpec()).setHostNetwork(true).build()).build();

        assertThat(HostPort.of(pod)).isEmpty();
        assertThat(HostPort.of(onHost)).containsExactly(new HostPort("TCP", 9100));
    }

    @Test
    void explainsThatNoNodeHasTheRequestedPortFreeAsKubeSchedulerWordsIt() {
        // given two nodes that each run a pod on host port 8080
        NodeCache cluster = new NodeCache();
        for (String name : List.of("node-a", "node-b")) {
            cluster.getOrCreate(name).setNode(Nodes.node(name).build());
        }
        SchedulingPipeline pipeline = StandardPipeline.create(new Random(0));
        for (String name : List.of("web-1", "web-2")) {
            PodInfo pod = asking(name, "TCP/8080");
            Placement placement = pipeline.place(pod, cluster.candidates());
            assertThat(placement.bound()).isTrue();
            cluster.get(placement.nodeName()).add(pod.boundTo(placement.nodeName()));
        }

        // when a third asks for the same port
        Placement third = pipeline.place(asking("web-3", "TCP/8080"), cluster.candidates());

        // then it fits nowhere, for that reason
        assertThat(third.bound()).isFalse();
        assertThat(third.rejections()).isEqualTo(Map.of(NodePorts.PORTS_TAKEN, 2));
        assertThat(third.message())
                .isEqualTo("0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.");
        // and the two placed ones went to different nodes
        assertThat(cluster.get("node-a").podCount()).isEqualTo(1);
        assertThat(cluster.get("node-b").podCount()).isEqualTo(1);
    }
}

package io.korch.scheduler.filter;

import static io.korch.scheduler.testing.Infos.nodeInfo;
import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases of the resources filter. */
class ResourcesFitTest {

    @ParameterizedTest(name = "request {0} next to {1} within {2}: {3}")
    @CsvSource({
            "0,    0,    0,    true",
            "0,    5000, 1000, true",
            "500,  0,    1000, true",
            "500,  500,  1000, true",
            "501,  500,  1000, false",
            "1,    1000, 1000, false",
            "2000, 0,    1000, false",
            "1,    0,    0,    false",
    })
    void fitsWhenTheRequestStaysWithinWhatIsLeft(long request, long allocated, long allocatable, boolean expected) {
        assertThat(ResourcesFit.fits(request, allocated, allocatable)).isEqualTo(expected);
    }

    static Stream<Arguments> nodes() {
        Pods running = Pods.pod("running").cpu("1").memory("1Gi");
        return Stream.of(
                Arguments.of("fits an empty node", Pods.pod("p").cpu("1").memory("1Gi"),
                        nodeInfo(Nodes.node("n").cpu("2").memory("2Gi")), List.of()),
                Arguments.of("fits exactly what is left", Pods.pod("p").cpu("1").memory("1Gi"),
                        nodeInfo(Nodes.node("n").cpu("2").memory("2Gi"), podInfo(running)), List.of()),
                Arguments.of("short of cpu", Pods.pod("p").cpu("1500m"),
                        nodeInfo(Nodes.node("n").cpu("2").memory("2Gi"), podInfo(running)),
                        List.of(ResourcesFit.INSUFFICIENT_CPU)),
                Arguments.of("short of memory", Pods.pod("p").memory("1500Mi"),
                        nodeInfo(Nodes.node("n").cpu("2").memory("2Gi"), podInfo(running)),
                        List.of(ResourcesFit.INSUFFICIENT_MEMORY)),
                Arguments.of("short of both", Pods.pod("p").cpu("3").memory("3Gi"),
                        nodeInfo(Nodes.node("n").cpu("2").memory("2Gi")),
                        List.of(ResourcesFit.INSUFFICIENT_CPU, ResourcesFit.INSUFFICIENT_MEMORY)),
                Arguments.of("sums every container", Pods.pod("p").cpu("1").sidecar("sidecar").cpu("1500m"),
                        nodeInfo(Nodes.node("n").cpu("2")), List.of(ResourcesFit.INSUFFICIENT_CPU)),
                Arguments.of("a limit without a request counts as the request", Pods.pod("p").limit("cpu", "3"),
                        nodeInfo(Nodes.node("n").cpu("2")), List.of(ResourcesFit.INSUFFICIENT_CPU)),
                Arguments.of("no requests fit a full node", Pods.pod("p"),
                        nodeInfo(Nodes.node("n").cpu("1").memory("1Gi"), podInfo(running)), List.of()),
                Arguments.of("pod limit reached", Pods.pod("p"),
                        nodeInfo(Nodes.node("n").maxPods(1), podInfo(running)), List.of(ResourcesFit.TOO_MANY_PODS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void rejectsNodesForEveryResourceTheyLack(String description, Pods pod, NodeInfo node, List<String> expected) {
        assertThat(new ResourcesFit().filter(podInfo(pod), node)).isEqualTo(expected);
    }

    @Test
    void countsUpAgainAfterAPodLeaves() {
        // given a full node
        Pods running = Pods.pod("running").cpu("2");
        NodeInfo node = nodeInfo(Nodes.node("n").cpu("2"), podInfo(running));
        assertThat(new ResourcesFit().filter(podInfo(Pods.pod("p").cpu("1")), node)).isNotEmpty();

        // when
        node.remove(running.key());

        // then
        assertThat(new ResourcesFit().filter(podInfo(Pods.pod("p").cpu("1")), node)).isEmpty();
    }
}

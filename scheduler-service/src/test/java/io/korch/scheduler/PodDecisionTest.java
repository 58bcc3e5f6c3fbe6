package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.testkit.Pods;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases of what the scheduler does with a pod record. */
class PodDecisionTest {

    private static final PodBinding BOUND = PodBinding.newBuilder()
            .setPodUid("u").setNodeName("node-1").setTimestamp(Instant.EPOCH).build();
    private static final PodBinding UNSCHEDULABLE = PodBinding.newBuilder()
            .setPodUid("u").setReason("Unschedulable").setMessage("0/1 nodes are available: 1 Insufficient cpu.")
            .setTimestamp(Instant.EPOCH).build();

    static Stream<Arguments> cases() {
        Pod plain = Pods.pod("p").build();
        Pod pinned = Pods.pod("p").nodeName("node-2").build();
        Pod deleting = Pods.pod("p").deleting().build();
        return Stream.of(
                Arguments.of("tombstone", null, null, PodDecision.FORGET),
                Arguments.of("tombstone of a bound pod", null, BOUND, PodDecision.FORGET),
                Arguments.of("new pod", plain, null, PodDecision.SCHEDULE),
                Arguments.of("pod that did not fit before", plain, UNSCHEDULABLE, PodDecision.SCHEDULE),
                Arguments.of("bound pod updated", plain, BOUND, PodDecision.REFRESH),
                Arguments.of("bound pod is never re-placed, even naming another node", pinned, BOUND, PodDecision.REFRESH),
                Arguments.of("pod naming its node", pinned, null, PodDecision.BIND_AS_REQUESTED),
                Arguments.of("terminating before placement", deleting, null, PodDecision.HOLD),
                Arguments.of("terminating while bound stays on its node", deleting, BOUND, PodDecision.REFRESH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesFromTheLatestRecordAndTheBinding(String description, Pod pod, PodBinding binding, PodDecision expected) {
        assertThat(PodDecision.decide(pod, binding)).isEqualTo(expected);
        // idempotent: deciding again gives the same answer
        assertThat(PodDecision.decide(pod, binding)).isEqualTo(expected);
    }
}

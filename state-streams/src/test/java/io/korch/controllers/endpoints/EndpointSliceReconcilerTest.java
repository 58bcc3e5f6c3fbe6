package io.korch.controllers.endpoints;

import static io.korch.controllers.endpoints.EndpointFixtures.pod;
import static io.korch.controllers.endpoints.EndpointFixtures.running;
import static io.korch.controllers.endpoints.EndpointFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.EndpointSlice;
import io.korch.api.Pod;
import io.korch.api.Service;
import io.korch.controllers.testing.SequentialIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure slice reconcile: no Kafka, the slices written last passed back in by hand. */
class EndpointSliceReconcilerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final Service web = service("web").select("app", "web").port("http", 80, null).build();
    private final SequentialIds ids = new SequentialIds();

    private static List<EndpointPod> pods(int from, int to) {
        List<EndpointPod> pods = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Pod pod = pod(String.format("web-%03d", i), "web");
            pods.add(new EndpointPod(pod, running(pod, "node-1", "10.244.0." + (i % 250 + 2), true)));
        }
        return pods;
    }

    private EndpointSliceReconciler.Plan plan(List<EndpointPod> pods, List<EndpointSlice> existing) {
        return EndpointSliceReconciler.reconcile(web, DesiredEndpoints.of(web, pods), existing, ids, NOW);
    }

    @Test
    void plansNothingWhenPlannedAgainOnItsOwnOutput() {
        List<EndpointSlice> written = plan(pods(0, 150), List.of()).writes();

        assertThat(written).hasSize(2);
        assertThat(plan(pods(0, 150), written).isEmpty()).isTrue();
    }

    @Test
    void fillsSlicesWithRoomBeforeMakingNewOnesAndDeletesOneLeftEmpty() {
        List<EndpointSlice> written = plan(pods(0, 150), List.of()).writes();
        EndpointSlice full = written.stream().filter(slice -> slice.getEndpoints().size() == 100).findFirst().orElseThrow();
        EndpointSlice half = written.stream().filter(slice -> slice.getEndpoints().size() == 50).findFirst().orElseThrow();

        // 30 more pods go into the slice with room
        EndpointSliceReconciler.Plan grown = plan(pods(0, 180), written);
        assertThat(grown.deletes()).isEmpty();
        assertThat(grown.writes()).singleElement().satisfies(slice -> {
            assertThat(slice.getMetadata().getName()).isEqualTo(half.getMetadata().getName());
            assertThat(slice.getEndpoints()).hasSize(80);
        });

        // when every pod of the full slice goes, that slice is deleted and the other kept as it is
        List<EndpointPod> rest = new ArrayList<>(pods(0, 150));
        List<String> inFull = full.getEndpoints().stream().map(endpoint -> endpoint.getTargetRef().getName()).toList();
        rest.removeIf(pod -> inFull.contains(pod.name()));
        EndpointSliceReconciler.Plan shrunk = plan(rest, written);
        assertThat(shrunk.writes()).isEmpty();
        assertThat(shrunk.deletes()).containsExactly(full);
    }

    @Test
    void keepsOnePlaceholderSliceWhenNoPodIsAnEndpoint() {
        List<EndpointSlice> written = plan(pods(0, 3), List.of()).writes();

        EndpointSliceReconciler.Plan emptied = plan(List.of(), written);

        assertThat(emptied.deletes()).containsExactlyElementsOf(written);
        assertThat(emptied.writes()).singleElement().satisfies(slice -> {
            assertThat(slice.getEndpoints()).isEmpty();
            assertThat(slice.getPorts()).isEmpty();
        });
        assertThat(plan(List.of(), emptied.writes()).isEmpty()).isTrue();
    }

    @Test
    void namesSlicesTheSameWheneverAskedWithinSixtyThreeCharacters() {
        Service longNamed = service("s".repeat(63)).select("app", "web").port("http", 80, null).build();

        String name = EndpointSliceReconciler.sliceName(longNamed, List.of(), 0);

        assertThat(name).hasSize(63).isEqualTo(EndpointSliceReconciler.sliceName(longNamed, List.of(), 0))
                .isNotEqualTo(EndpointSliceReconciler.sliceName(longNamed, List.of(), 1));
        assertThat(EndpointSliceReconciler.sliceName(web, List.of(), 0)).matches("web-[" + io.korch.controllers.Ids.SUFFIX_ALPHABET + "]{5}");
    }
}

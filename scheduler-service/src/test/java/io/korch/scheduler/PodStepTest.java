package io.korch.scheduler;

import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.PodBinding;
import io.korch.scheduler.PodStep.Bind;
import io.korch.scheduler.PodStep.Drop;
import io.korch.scheduler.PodStep.KeepLastValid;
import io.korch.scheduler.PodStep.Refresh;
import io.korch.scheduler.PodStep.Reject;
import io.korch.scheduler.PodStep.Wait;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Planning one pod, with no Kafka: what the step is, and that planning changes nothing. */
class PodStepTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final SchedulingPipeline pipeline = StandardPipeline.create(new Random(0));
    private final NodeCache nodes = new NodeCache();

    @Test
    void bindsAPodThatFitsWithoutCountingItYet() {
        nodes.getOrCreate("node-1").setNode(Nodes.node("node-1").cpu("1").build());
        Pods web = Pods.pod("web").cpu("1");

        PodStep step = PodStep.plan(web.key(), web.build(), null, pipeline, nodes);

        assertThat(step).isInstanceOfSatisfying(Bind.class, bind -> {
            assertThat(bind.nodeName()).isEqualTo("node-1");
            assertThat(bind.pod().pod().getSpec().getNodeName()).isEqualTo("node-1");
        });
        assertThat(nodes.get("node-1").podCount()).isZero();
    }

    @Test
    void placesANewPodAsIfItsOlderNamesakeHadLeftItsNode() {
        // given a full node holding an older pod of the same name
        nodes.getOrCreate("node-1").setNode(Nodes.node("node-1").cpu("1").build());
        nodes.get("node-1").add(podInfo(Pods.pod("web").uid("a").cpu("1")).boundTo("node-1"));

        // when
        PodStep step = PodStep.plan("default/web", Pods.pod("web").uid("b").cpu("1").build(), null, pipeline, nodes);

        // then it fits there, and the older pod is still counted until the step is applied
        assertThat(step).isInstanceOfSatisfying(Bind.class, bind -> assertThat(bind.nodeName()).isEqualTo("node-1"));
        assertThat(nodes.get("node-1").pod("default/web").uid()).isEqualTo("a");
    }

    @Test
    void waitsWhenNoNodeFits() {
        nodes.getOrCreate("node-1").setNode(Nodes.node("node-1").cpu("1").build());
        Pods big = Pods.pod("big").cpu("2");

        assertThat(PodStep.plan(big.key(), big.build(), null, pipeline, nodes))
                .isEqualTo(new Wait(big.key(), big.build().getMetadata().getUid(),
                        "0/1 nodes are available: 1 Insufficient cpu."));
    }

    @Test
    void rejectsAnInvalidPodThatIsNotBound() {
        Pods overflowing = Pods.pod("p").memory("7Ei").sidecar("sidecar").memory("7Ei");

        assertThat(PodStep.plan(overflowing.key(), overflowing.build(), null, pipeline, nodes))
                .isInstanceOfSatisfying(Reject.class, reject ->
                        assertThat(reject.message()).startsWith("invalid pod: memory requests overflow"));
    }

    @Test
    void keepsABoundPodOnItsNodeWhenAnUpdateIsInvalidAndRefreshesAValidOne() {
        Pods web = Pods.pod("web");
        PodBinding bound = PodBinding.newBuilder().setPodUid(web.build().getMetadata().getUid())
                .setNodeName("node-1").setTimestamp(NOW).build();

        assertThat(PodStep.plan(web.key(), Pods.pod("web").cpu("lots").build(), bound, pipeline, nodes))
                .isInstanceOf(KeepLastValid.class);
        assertThat(PodStep.plan(web.key(), web.build(), bound, pipeline, nodes))
                .isInstanceOfSatisfying(Refresh.class, refresh -> assertThat(refresh.nodeName()).isEqualTo("node-1"));
    }

    @Test
    void placesNowhereAPodBeingDeleted() {
        Pods leaving = Pods.pod("leaving").deleting();

        assertThat(PodStep.plan(leaving.key(), leaving.build(), null, pipeline, nodes))
                .isEqualTo(new Drop(leaving.key()));
    }
}

package io.korch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.PodBinding;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.gateway.testing.Fixtures;
import io.korch.gateway.testing.TestClock;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The view's memory stays bounded by the live objects: deleted pods leave nothing behind for long. */
class ClusterViewTest {

    private final TestClock clock = new TestClock();
    private final ClusterView view = new ClusterView(clock);

    @Test
    void podsDeletedLongAgoLeaveNoEntriesInTheOwnedPodBindingAndStatusTables() {
        // given 100 pods created, bound, reported on and deleted, as the controllers, scheduler and agents write them
        for (int i = 0; i < 100; i++) {
            String key = "default/web-" + i;
            view.apply(Topics.OWNED_PODS, key, Fixtures.pod("web-" + i).build(), 10L * i);
            view.apply(Topics.BINDINGS, key, PodBinding.newBuilder().setPodUid("u" + i).setNodeName("node-1")
                    .setTimestamp(Instant.EPOCH).build(), 10L * i + 1);
            view.apply(Topics.POD_STATUS, key, PodStatusReport.newBuilder().setPodUid("u" + i).setNodeName("node-1")
                    .setStatus(PodStatus.newBuilder().build()).setObservedAt(Instant.EPOCH).build(), 10L * i + 2);
            view.apply(Topics.OWNED_PODS, key, null, 10L * i + 3);
            view.apply(Topics.BINDINGS, key, null, 10L * i + 4);
            view.apply(Topics.POD_STATUS, key, null, 10L * i + 5);
        }
        long position = view.position();

        // when the deletions are older than the retention
        clock.advance(ClusterView.TOMBSTONE_RETENTION.plusSeconds(1));
        int pruned = view.pruneTombstones();

        // then nothing of them is left, and readers saw no change
        assertThat(pruned).isEqualTo(300);
        assertThat(view.table(Topics.OWNED_PODS).size()).isZero();
        assertThat(view.table(Topics.BINDINGS).size()).isZero();
        assertThat(view.table(Topics.POD_STATUS).size()).isZero();
        assertThat(view.position()).isEqualTo(position);
    }

    @Test
    void prunesAtMostOncePerIntervalWhenAskedIfDue() {
        view.apply(Topics.BINDINGS, "default/a", null, 1);
        clock.advance(ClusterView.TOMBSTONE_RETENTION.plusSeconds(1));
        assertThat(view.pruneTombstonesIfDue()).isOne();

        view.apply(Topics.BINDINGS, "default/b", null, 2);
        clock.advance(ClusterView.TOMBSTONE_RETENTION.plusSeconds(1));
        view.apply(Topics.BINDINGS, "default/c", null, 3);

        assertThat(view.pruneTombstonesIfDue()).as("the interval has passed").isOne();
        assertThat(view.pruneTombstonesIfDue()).as("not due again yet").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(view.pruneTombstonesIfDue()).isOne();
    }
}

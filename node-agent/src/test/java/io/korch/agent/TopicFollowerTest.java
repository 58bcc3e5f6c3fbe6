package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.config.PodConfigs;
import io.korch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A topic follower against a real broker: what was in the topic at start is read before {@code start}
 * returns and is told apart from what comes later, and a topic with nothing in it is caught up at once,
 * before any poll.
 */
class TopicFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @Test
    void aTopicWithNothingInItIsCaughtUpBeforeTheFirstPoll() {
        // given
        Polls polls = new Polls();

        // when
        try (TopicFollower follower = new TopicFollower(cluster.get().bootstrapServers(), Topics.SECRETS,
                "test-follower-empty", polls::onPoll)) {
            follower.start(WAIT);

            // then
            await().atMost(WAIT).until(() -> !polls.caughtUpFlags.isEmpty());
            assertThat(polls.caughtUpFlags.get(0)).isTrue();
        }
    }

    @Test
    void whatWasThereAtStartIsReadBeforeStartReturnsAndWhatComesLaterAsCaughtUp() {
        // given
        for (String name : List.of("a", "b", "c")) {
            cluster.get().publish(Topics.CONFIGMAPS, "shop/" + name, PodConfigs.configMap("shop", name, Map.of("k", name)));
        }
        Polls polls = new Polls();

        try (TopicFollower follower = new TopicFollower(cluster.get().bootstrapServers(), Topics.CONFIGMAPS,
                "test-follower-present", polls::onPoll)) {
            // when
            follower.start(WAIT);

            // then
            assertThat(polls.keysReadBeforeCaughtUp).containsExactlyInAnyOrder("shop/a", "shop/b", "shop/c");

            // and when
            cluster.get().publish(Topics.CONFIGMAPS, "shop/d", PodConfigs.configMap("shop", "d", Map.of("k", "d")));

            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(polls.keysReadCaughtUp).contains("shop/d"));
            assertThat(polls.keysReadBeforeCaughtUp).doesNotContain("shop/d");
        }
    }

    /** What the follower handed over, poll by poll. */
    private static final class Polls {
        final List<Boolean> caughtUpFlags = new CopyOnWriteArrayList<>();
        final List<String> keysReadBeforeCaughtUp = new CopyOnWriteArrayList<>();
        final List<String> keysReadCaughtUp = new CopyOnWriteArrayList<>();

        void onPoll(ConsumerRecords<String, byte[]> records, boolean caughtUp) {
            caughtUpFlags.add(caughtUp);
            for (ConsumerRecord<String, byte[]> record : records) {
                (caughtUp ? keysReadCaughtUp : keysReadBeforeCaughtUp).add(record.key());
            }
        }
    }
}

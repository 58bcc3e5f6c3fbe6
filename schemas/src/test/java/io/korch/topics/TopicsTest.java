package io.korch.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.serde.AvroSerde;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicHasADistinctName() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("korch."));
    }

    @Test
    void onlyLogsOfEventsChangesMessagesAndMetricsAreTimeRetained() {
        assertThat(Topics.ALL).filteredOn(t -> t.cleanupPolicy() == Topic.CleanupPolicy.DELETE)
                .containsExactlyInAnyOrder(Topics.EVENTS, Topics.BIND_REQUESTS, Topics.BIND_OUTCOMES, Topics.CHANGES,
                        Topics.WRITE_REQUESTS, Topics.WRITE_RESPONSES, Topics.CHANGE_FEED, Topics.POD_METRICS,
                        Topics.NODE_METRICS);
    }

    @Test
    void resourceUseSamplesAreKeptAnHourAndOtherLogsAWeek() {
        assertThat(Topics.POD_METRICS.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", String.valueOf(3_600_000L));
        assertThat(Topics.NODE_METRICS.configs()).containsEntry("retention.ms", String.valueOf(3_600_000L));
        assertThat(Topics.EVENTS.configs()).containsEntry("retention.ms", String.valueOf(7L * 24 * 3_600_000L));
    }

    @Test
    void theChangeLogAndTheMessagesAroundItAreSingleLogsWrittenByTheChangeLogOrTheGateways() {
        assertThat(Topics.ALL).filteredOn(t -> t.partitioning() == Partitioning.SINGLE)
                .containsExactlyInAnyOrder(Topics.CHANGES, Topics.OBJECTS, Topics.WRITE_REQUESTS, Topics.WRITE_RESPONSES,
                        Topics.CHANGE_FEED)
                .allSatisfy(t -> assertThat(t.partitionsOn(3)).isEqualTo(1));
        assertThat(ServedTopics.TOPICS).filteredOn(t -> t.writer() == Topic.Writer.CHANGE_LOG)
                .containsExactlyInAnyOrder(Topics.NAMESPACES, Topics.DEPLOYMENTS, Topics.REPLICASETS, Topics.PODS,
                        Topics.CONFIGMAPS, Topics.SECRETS, Topics.SERVICEACCOUNTS, Topics.SERVICES, Topics.HORIZONTAL_POD_AUTOSCALERS,
                        Topics.NODE_SPECS);
    }

    @Test
    void everyObjectTopicCarriesAvroValues() {
        assertThat(Topics.ALL).filteredOn(t -> t != Topics.SCHEMAS)
                .allMatch(t -> t.valueSerde() instanceof AvroSerde<?>);
    }

    @Test
    void keysJoinNamespaceAndName() {
        String key = Keys.of("default", "web");

        assertThat(key).isEqualTo("default/web");
        assertThat(Keys.namespace(key)).isEqualTo("default");
        assertThat(Keys.name(key)).isEqualTo("web");
    }

    @Test
    void nodeScopedKeysSplitIntoNodeAndPod() {
        String key = Keys.onNode("node-1", Keys.of("default", "web-1"));

        assertThat(key).isEqualTo("node-1/default/web-1");
        assertThat(Keys.nodeOf(key)).isEqualTo("node-1");
        assertThat(Keys.podOf(key)).isEqualTo("default/web-1");
    }

    @Test
    void outcomeKeysStartWithThePodKey() {
        String key = Keys.outcome(Keys.of("default", "web-1"), "node-1");

        assertThat(key).isEqualTo("default/web-1/node-1");
        assertThat(Keys.podOfOutcome(key)).isEqualTo("default/web-1");
    }

    @Test
    void statusKeysCarryTheUidOfTheOnePodTheyReportOn() {
        String key = Keys.podStatus(Keys.of("default", "web-1"), "4f1c-uid");

        assertThat(key).isEqualTo("default/web-1/4f1c-uid");
        assertThat(Keys.podOfStatus(key)).isEqualTo("default/web-1");
        assertThat(Keys.uidOfStatus(key)).isEqualTo("4f1c-uid");
        assertThat(Topics.POD_STATUS.partition(key, 6)).isEqualTo(Topics.PODS.partition("default/web-1", 6));
    }
}

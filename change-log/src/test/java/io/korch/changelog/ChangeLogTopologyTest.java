package io.korch.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Change;
import io.korch.api.Namespace;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.WriteRequest;
import io.korch.api.WriteResponse;
import io.korch.streams.SkipRule;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsSettings;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.topics.Keys;
import io.korch.topics.Revisions;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change log's decisions and records, driven through its topology. */
class ChangeLogTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private final MutableClock clock = new MutableClock(T0);
    private TopologyTestDriver driver;
    private TestInputTopic<String, WriteRequest> requests;
    private TestOutputTopic<String, WriteResponse> responses;
    private TestOutputTopic<String, Change> changes;
    private TestOutputTopic<String, Change> objects;
    private TestOutputTopic<String, byte[]> declaredPods;

    @BeforeEach
    void setUp() {
        Properties props = StreamsConfigs.of(new StreamsSettings("127.0.0.1:1", "change-log-test", stateDir,
                SkipRule.exceptionsOfType(IllegalArgumentException.class)));
        driver = new TopologyTestDriver(ChangeLogTopology.topology(clock), props, T0);
        requests = driver.createInputTopic(Topics.WRITE_REQUESTS.name(), Topics.WRITE_REQUESTS.keySerde().serializer(),
                Topics.WRITE_REQUESTS.valueSerde().serializer());
        responses = driver.createOutputTopic(Topics.WRITE_RESPONSES.name(), new StringDeserializer(),
                Topics.WRITE_RESPONSES.valueSerde().deserializer());
        changes = driver.createOutputTopic(Topics.CHANGES.name(), new StringDeserializer(),
                Topics.CHANGES.valueSerde().deserializer());
        objects = driver.createOutputTopic(Topics.OBJECTS.name(), new StringDeserializer(),
                Topics.OBJECTS.valueSerde().deserializer());
        declaredPods = driver.createOutputTopic(Topics.PODS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        request(Topics.NAMESPACES, "default", namespace("default"), absent(Topics.NAMESPACES, "default"));
        responses.readValuesToList();
        changes.readValuesToList();
        objects.readRecordsToList();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void ofTwoCreatesOfOneNameTheFirstWinsAndTheSecondIsRefusedWithTheWinnersRevision() {
        String first = request(Topics.PODS, "default/web", pod("web", "uid-1"), absent(Topics.PODS, "default/web"),
                present(Topics.NAMESPACES, "default"));
        String second = request(Topics.PODS, "default/web", pod("web", "uid-2"), absent(Topics.PODS, "default/web"),
                present(Topics.NAMESPACES, "default"));

        Map<String, WriteResponse> answers = answersByRequest();
        assertThat(answers.get(first).getAccepted()).isTrue();
        assertThat(answers.get(second).getAccepted()).isFalse();
        assertThat(answers.get(second).getFailed().getType()).isEqualTo(PreconditionType.ABSENT);
        assertThat(answers.get(second).getCurrentRevision()).isEqualTo(answers.get(first).getRevision());
        List<TestRecord<String, byte[]>> written = declaredPods.readRecordsToList();
        assertThat(written).hasSize(1);
        Pod stored = Topics.PODS.valueSerde().deserializer().deserialize(Topics.PODS.name(), written.get(0).value());
        assertThat(stored.getMetadata().getUid()).isEqualTo("uid-1");
        List<Change> recorded = changes.readValuesToList();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).getRevision()).isEqualTo(answers.get(first).getRevision());
        assertThat(recorded.get(0).getKind()).isEqualTo("Pod");
        assertThat(recorded.get(0).getActor()).isEqualTo("gateway/test");
    }

    @Test
    void aReplaceBasedOnAStaleRevisionIsRefusedAndOneOnTheCurrentOneApplied() {
        String create = request(Topics.PODS, "default/web", pod("web", "uid-1"), absent(Topics.PODS, "default/web"));
        long created = answersByRequest().get(create).getRevision();
        String update = request(Topics.PODS, "default/web", pod("web", "uid-1"), atRevision(Topics.PODS, "default/web", created));
        long updated = answersByRequest().get(update).getRevision();
        String stale = request(Topics.PODS, "default/web", pod("web", "uid-1"), atRevision(Topics.PODS, "default/web", created));

        WriteResponse refused = answersByRequest().get(stale);
        assertThat(updated).isGreaterThan(created);
        assertThat(refused.getAccepted()).isFalse();
        assertThat(refused.getFailed().getType()).isEqualTo(PreconditionType.AT_REVISION);
        assertThat(refused.getCurrentRevision()).isEqualTo(updated);
        assertThat(declaredPods.readRecordsToList()).hasSize(2);
        List<Change> recorded = changes.readValuesToList();
        assertThat(recorded.get(1).getPreviousRevision()).isEqualTo(created);
        assertThat(recorded.get(1).getPreviousValue()).isEqualTo(recorded.get(0).getValue());
        assertThat(recorded.get(0).getPreviousValue()).isNull();
    }

    @Test
    void revisionsGrowInLogOrderAcrossKindsAndWritersEvenWhenTheClockStandsStill() {
        request(Topics.PODS, "default/a", pod("a", "uid-a"), absent(Topics.PODS, "default/a"));
        pipeRaw(Topics.OWNED_PODS, "default/b", Topics.OWNED_PODS.valueSerde().serializer()
                .serialize(Topics.OWNED_PODS.name(), pod("b", "uid-b")));
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.heartbeat("node-1", T0)));
        request(Topics.PODS, "default/a", null, present(Topics.PODS, "default/a"));

        List<Change> recorded = changes.readValuesToList();
        assertThat(recorded).extracting(Change::getKind).containsExactly("Pod", "Pod", "Node", "Pod");
        assertThat(recorded).extracting(Change::getActor).containsExactly("gateway/test", "controllers", "agent/node-1",
                "gateway/test");
        assertThat(recorded).extracting(Change::getRevision).isSorted().doesNotHaveDuplicates();
        assertThat(Revisions.timeOf(recorded.get(3).getRevision())).isEqualTo(T0);
        assertThat(recorded.get(3).getValue()).isNull();
    }

    @Test
    void theSnapshotKeepsTheLatestChangeOfEachRecordAndADeletionAsATombstoneCarryingItsRevision() {
        request(Topics.PODS, "default/a", pod("a", "uid-a"), absent(Topics.PODS, "default/a"));
        String delete = request(Topics.PODS, "default/a", null, present(Topics.PODS, "default/a"));
        long deleted = answersByRequest().get(delete).getRevision();

        List<TestRecord<String, Change>> snapshot = objects.readRecordsToList();
        assertThat(snapshot).extracting(TestRecord::key).containsOnly(Keys.changed(Topics.PODS.name(), "default/a"));
        TestRecord<String, Change> tombstone = snapshot.get(snapshot.size() - 1);
        assertThat(tombstone.value()).isNull();
        Header revision = tombstone.headers().lastHeader(Topics.REVISION_HEADER);
        assertThat(ByteBuffer.wrap(revision.value()).getLong()).isEqualTo(deleted);
        assertThat(tombstone.timestamp()).isEqualTo(Revisions.millisOf(deleted));
    }

    @Test
    void aNamespaceIsNotDeletedWhileARecordIsUnderIt() {
        request(Topics.PODS, "default/a", pod("a", "uid-a"), absent(Topics.PODS, "default/a"));
        String refused = request(Topics.NAMESPACES, "default", null, noKeysUnder(Topics.PODS, "default/"));
        request(Topics.PODS, "default/a", null, present(Topics.PODS, "default/a"));
        String accepted = request(Topics.NAMESPACES, "default", null, noKeysUnder(Topics.PODS, "default/"));

        Map<String, WriteResponse> answers = answersByRequest();
        assertThat(answers.get(refused).getAccepted()).isFalse();
        assertThat(answers.get(refused).getFailed().getType()).isEqualTo(PreconditionType.NO_KEYS_UNDER);
        assertThat(answers.get(accepted).getAccepted()).isTrue();
    }

    @Test
    void aRequestToWriteATopicOfAnotherWriterIsRefusedWithTheReason() {
        String id = request(Topics.POD_STATUS, "default/a/uid-a", null);

        WriteResponse answer = answersByRequest().get(id);
        assertThat(answer.getAccepted()).isFalse();
        assertThat(answer.getMessage()).contains("korch.status.pods");
        assertThat(changes.readValuesToList()).isEmpty();
    }

    @Test
    void aNodesHeartbeatIsRecordedOnlyWhenMoreThanItsHeartbeatChangedOrAMinutePassed() {
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.heartbeat("node-1", T0)), T0);
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.heartbeat("node-1", T0.plusSeconds(1))), T0.plusSeconds(1));
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.node("node-1").label("disk", "ssd").heartbeat(T0.plusSeconds(2))
                .ready("True", "KubeletReady", "ready").build()), T0.plusSeconds(2));
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.node("node-1").label("disk", "ssd").heartbeat(T0.plusSeconds(3))
                .ready("True", "KubeletReady", "ready").build()), T0.plusSeconds(3));
        Instant later = T0.plusSeconds(2).plus(Duration.ofMinutes(1));
        pipeRaw(Topics.NODES, "node-1", nodeBytes(Nodes.node("node-1").label("disk", "ssd").heartbeat(later)
                .ready("True", "KubeletReady", "ready").build()), later);

        assertThat(changes.readValuesToList()).extracting(Change::getTime)
                .containsExactly(T0, T0.plusSeconds(2), later);
    }

    private Map<String, WriteResponse> answersByRequest() {
        Map<String, WriteResponse> answers = new java.util.HashMap<>();
        for (TestRecord<String, WriteResponse> record : responses.readRecordsToList()) {
            assertThat(record.key()).isEqualTo("test");
            answers.put(record.value().getRequestId(), record.value());
        }
        return answers;
    }

    private <V> String request(Topic<String, V> topic, String key, V value, Precondition... preconditions) {
        String id = UUID.randomUUID().toString();
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        requests.pipeInput(Keys.changed(topic.name(), key), WriteRequest.newBuilder()
                .setRequestId(id)
                .setGateway("test")
                .setTopic(topic.name())
                .setKey(key)
                .setValue(bytes == null ? null : ByteBuffer.wrap(bytes))
                .setPreconditions(List.of(preconditions))
                .setActor("gateway/test")
                .setRequestedAt(clock.instant())
                .build());
        return id;
    }

    private void pipeRaw(Topic<String, ?> topic, String key, byte[] value) {
        pipeRaw(topic, key, value, clock.instant());
    }

    private void pipeRaw(Topic<String, ?> topic, String key, byte[] value, Instant at) {
        driver.createInputTopic(topic.name(), topic.keySerde().serializer(), new ByteArraySerializer())
                .pipeInput(key, value, at);
    }

    private static byte[] nodeBytes(io.korch.api.Node node) {
        return Topics.NODES.valueSerde().serializer().serialize(Topics.NODES.name(), node);
    }

    private static Pod pod(String name, String uid) {
        Pod pod = Pods.pod(name).build();
        pod.getMetadata().setUid(uid);
        return pod;
    }

    private static Namespace namespace(String name) {
        return Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).build()).build();
    }

    private static Precondition absent(Topic<?, ?> topic, String key) {
        return precondition(PreconditionType.ABSENT, topic, key, 0);
    }

    private static Precondition present(Topic<?, ?> topic, String key) {
        return precondition(PreconditionType.PRESENT, topic, key, 0);
    }

    private static Precondition atRevision(Topic<?, ?> topic, String key, long revision) {
        return precondition(PreconditionType.AT_REVISION, topic, key, revision);
    }

    private static Precondition noKeysUnder(Topic<?, ?> topic, String prefix) {
        return precondition(PreconditionType.NO_KEYS_UNDER, topic, prefix, 0);
    }

    private static Precondition precondition(PreconditionType type, Topic<?, ?> topic, String key, long revision) {
        return Precondition.newBuilder().setType(type).setTopic(topic.name()).setKey(key).setRevision(revision).build();
    }

    /** A clock that stands still unless moved. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

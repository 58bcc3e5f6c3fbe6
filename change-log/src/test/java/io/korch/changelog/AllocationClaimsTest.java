package io.korch.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Allocation;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.WriteRequest;
import io.korch.api.WriteResponse;
import io.korch.streams.SkipRule;
import io.korch.streams.StreamsConfigs;
import io.korch.streams.StreamsSettings;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims on unique values ({@code korch.allocations}) through the change log: decided like any
 * request, written with their revision, never recorded as changes.
 */
class AllocationClaimsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String IP = "clusterIP/10.96.0.12";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, WriteRequest> requests;
    private TestOutputTopic<String, WriteResponse> responses;
    private TestOutputTopic<String, Allocation> claims;
    private TestOutputTopic<String, ?> changes;

    @BeforeEach
    void setUp() {
        Properties props = StreamsConfigs.of(new StreamsSettings("127.0.0.1:1", "claims-test", stateDir,
                SkipRule.exceptionsOfType(IllegalArgumentException.class)));
        driver = new TopologyTestDriver(ChangeLogTopology.topology(Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
        requests = driver.createInputTopic(Topics.WRITE_REQUESTS.name(), Topics.WRITE_REQUESTS.keySerde().serializer(),
                Topics.WRITE_REQUESTS.valueSerde().serializer());
        responses = driver.createOutputTopic(Topics.WRITE_RESPONSES.name(), new StringDeserializer(),
                Topics.WRITE_RESPONSES.valueSerde().deserializer());
        claims = driver.createOutputTopic(Topics.ALLOCATIONS.name(), new StringDeserializer(),
                Topics.ALLOCATIONS.valueSerde().deserializer());
        changes = driver.createOutputTopic(Topics.CHANGES.name(), new StringDeserializer(),
                Topics.CHANGES.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void ofTwoRacingClaimsOfOneValueTheFirstIsAcceptedAndTheSecondRefused() {
        String first = claim(IP, allocation("default/web"), absent(IP));
        String second = claim(IP, allocation("default/api"), absent(IP));

        Map<String, WriteResponse> answers = answers();
        assertThat(answers.get(first).getAccepted()).isTrue();
        assertThat(answers.get(second).getAccepted()).isFalse();
        assertThat(answers.get(second).getFailed().getType()).isEqualTo(PreconditionType.ABSENT);
        assertThat(answers.get(second).getCurrentRevision()).isEqualTo(answers.get(first).getRevision());
        List<TestRecord<String, Allocation>> written = claims.readRecordsToList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo(IP);
        assertThat(written.get(0).value().getObjectKey()).isEqualTo("default/web");
        Header revision = written.get(0).headers().lastHeader(Topics.REVISION_HEADER);
        assertThat(ByteBuffer.wrap(revision.value()).getLong()).isEqualTo(answers.get(first).getRevision());
        assertThat(changes.readRecordsToList()).as("claims are not served, so not recorded").isEmpty();
    }

    @Test
    void aReleasedValueCanBeClaimedAgain() {
        String taken = claim(IP, allocation("default/web"), absent(IP));
        long revision = answers().get(taken).getRevision();
        String released = claim(IP, null, atRevision(IP, revision));
        String again = claim(IP, allocation("default/api"), absent(IP));

        Map<String, WriteResponse> answers = answers();
        assertThat(answers.get(released).getAccepted()).isTrue();
        assertThat(answers.get(again).getAccepted()).isTrue();
        List<TestRecord<String, Allocation>> written = claims.readRecordsToList();
        assertThat(written).extracting(TestRecord::value).extracting(a -> a == null ? null : a.getObjectKey())
                .containsExactly("default/web", null, "default/api");
    }

    @Test
    void aClaimIsTakenOverOnlyAtTheRevisionItWasReadAt() {
        String taken = claim(IP, allocation("default/gone"), absent(IP));
        long revision = answers().get(taken).getRevision();
        String takeOver = claim(IP, allocation("default/web"), atRevision(IP, revision));
        String stale = claim(IP, allocation("default/api"), atRevision(IP, revision));

        Map<String, WriteResponse> answers = answers();
        assertThat(answers.get(takeOver).getAccepted()).isTrue();
        assertThat(answers.get(stale).getAccepted()).isFalse();
    }

    private Map<String, WriteResponse> answers() {
        Map<String, WriteResponse> answers = new HashMap<>();
        responses.readValuesToList().forEach(response -> answers.put(response.getRequestId(), response));
        return answers;
    }

    private String claim(String key, Allocation value, Precondition precondition) {
        String id = UUID.randomUUID().toString();
        byte[] bytes = value == null ? null
                : Topics.ALLOCATIONS.valueSerde().serializer().serialize(Topics.ALLOCATIONS.name(), value);
        requests.pipeInput(Keys.changed(Topics.ALLOCATIONS.name(), key), WriteRequest.newBuilder()
                .setRequestId(id)
                .setGateway("test")
                .setTopic(Topics.ALLOCATIONS.name())
                .setKey(key)
                .setValue(bytes == null ? null : ByteBuffer.wrap(bytes))
                .setPreconditions(List.of(precondition))
                .setActor("gateway/test")
                .setRequestedAt(T0)
                .build());
        return id;
    }

    private static Allocation allocation(String objectKey) {
        return Allocation.newBuilder().setKind("Service").setObjectKey(objectKey).setClaimedAt(T0).build();
    }

    private static Precondition absent(String key) {
        return Precondition.newBuilder().setType(PreconditionType.ABSENT).setTopic(Topics.ALLOCATIONS.name())
                .setKey(key).setRevision(0).build();
    }

    private static Precondition atRevision(String key, long revision) {
        return Precondition.newBuilder().setType(PreconditionType.AT_REVISION).setTopic(Topics.ALLOCATIONS.name())
                .setKey(key).setRevision(revision).build();
    }
}

package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.testkit.Pods;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Which keys the status reporter tombstones: every key it wrote a report under once that pod is neither
 * assigned nor running here, once, and no other. Through a mock producer, no Kafka.
 */
class StatusReporterTest {

    private static final String NODE = Observed.NODE;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final Pod pod = Pods.pod("web").uid("uid-1").build();
    private final String key = Pods.statusKey(pod);

    @Test
    void tombstonesItsReportOnceThePodIsNeitherAssignedNorRunningHere() {
        // given: the pod was assigned and reported
        StatusReporter reporter = reporter(Map.of());
        reporter.report(List.of(pod), List.of(), Set.of(), Map.of(), T0);
        RuntimeContainer container = Observed.of(pod, "main").running(T0);

        // when: it is unassigned while its container still runs, then the container is gone, then a pass later
        reporter.report(List.of(), List.of(container), Set.of(), Map.of(), T0.plusSeconds(1));
        List<String> whileRunning = sent();
        reporter.report(List.of(), List.of(), Set.of(), Map.of(), T0.plusSeconds(2));
        reporter.report(List.of(), List.of(), Set.of(), Map.of(), T0.plusSeconds(3));

        // then: the report stays while the container runs, and goes once after
        assertThat(whileRunning).containsExactly("report " + key);
        assertThat(sent()).containsExactly("report " + key, "tombstone " + key);
    }

    @Test
    void tombstonesTheReportsItWroteBeforeItStartedOfPodsItNoLongerRuns() {
        // given: a report of this node read back at start
        StatusReporter reporter = reporter(Map.of(key, report()));

        // when: the pod is neither assigned nor running here
        reporter.report(List.of(), List.of(), Set.of(), Map.of(), T0);

        // then
        assertThat(sent()).containsExactly("tombstone " + key);
    }

    @Test
    void writesNothingForAPodItNeverReported() {
        // given: a container of a pod this node never reported, say from before an earlier tombstone
        StatusReporter reporter = reporter(Map.of());
        reporter.report(List.of(), List.of(Observed.of(pod, "main").running(T0)), Set.of(), Map.of(), T0);

        // when: the container is gone
        reporter.report(List.of(), List.of(), Set.of(), Map.of(), T0.plusSeconds(1));

        // then: no other key is ever erased
        assertThat(sent()).isEmpty();
    }

    @Test
    void tombstonesAPodWhoseReportIsStillInFlightAfterThatReport() {
        // given: a report not acknowledged yet
        MockProducer<byte[], byte[]> slow =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        StatusReporter reporter = new StatusReporter(NODE, "process", new RecordPublisher(slow), Map.of());
        reporter.report(List.of(pod), List.of(), Set.of(), Map.of(), T0);

        // when: the pod leaves before the acknowledgement
        reporter.report(List.of(), List.of(), Set.of(), Map.of(), T0.plusSeconds(1));

        // then: the tombstone goes out at once, after the report, through the same producer
        assertThat(sent(slow)).containsExactly("report " + key, "tombstone " + key);
    }

    private StatusReporter reporter(Map<String, PodStatusReport> reportsAtStart) {
        return new StatusReporter(NODE, "process", new RecordPublisher(producer), reportsAtStart);
    }

    private List<String> sent() {
        return sent(producer);
    }

    private static List<String> sent(MockProducer<byte[], byte[]> producer) {
        return producer.history().stream().map(StatusReporterTest::describe).toList();
    }

    private static String describe(ProducerRecord<byte[], byte[]> record) {
        return (record.value() == null ? "tombstone " : "report ") + new String(record.key(), StandardCharsets.UTF_8);
    }

    private static PodStatusReport report() {
        return PodStatusReport.newBuilder()
                .setPodUid("uid-1")
                .setNodeName(NODE)
                .setStatus(PodStatus.newBuilder().setPhase("Running").build())
                .setObservedAt(T0)
                .build();
    }
}

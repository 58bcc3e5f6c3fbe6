package io.korch.changelog.sequencer;

import io.korch.api.Change;
import io.korch.api.ChangeFeedEntry;
import io.korch.api.WriteRequest;
import io.korch.api.WriteResponse;
import io.korch.topics.Keys;
import io.korch.topics.Revisions;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one place where changes get their order. Every record of a served topic passes here, as a
 * gateway's {@link WriteRequest} or as an entry of the change feed, one at a time: each gets the
 * next revision ({@link Revisions#next}), is recorded in {@link Topics#CHANGES} (with the value
 * it replaced) and {@link Topics#OBJECTS}, and its version is kept per record key
 * ({@link RecordVersions}) for the preconditions of later requests and the next change's previous
 * value. A request is applied — its record written to its topic — only when its preconditions
 * hold, and answered either way on {@link Topics#WRITE_RESPONSES}.
 *
 * <p>A request may also claim a value that must be unique in the cluster — a Service's cluster IP,
 * a node port — by writing a record of a claims topic ({@link #CLAIMS}) with an {@code ABSENT}
 * precondition on it. The claims topics are not served: a claim is checked and applied like any
 * request, and its version kept for the preconditions of later claims, but no change is recorded
 * for it. Its record carries its revision in the {@link Topics#REVISION_HEADER} header, so a
 * reader of the topic can base a later write on it ({@code AT_REVISION}).
 *
 * <p>Runs in the change log's single task under exactly-once: the revision counter, the record
 * revisions and every output of a record commit together, so after a crash nothing is recorded
 * twice and no revision is handed out twice.
 */
final class Sequencer {

    static final String REVISIONS_STORE = "change-log-record-versions";
    static final String LAST_REVISION_STORE = "change-log-last-revision";
    static final String CHANGES_SINK = "changes-sink";
    static final String OBJECTS_SINK = "objects-sink";
    static final String RESPONSES_SINK = "responses-sink";

    /** The topics of claims on unique values, which the gateways write through the change log and nothing serves. */
    static final List<Topic<String, ?>> CLAIMS = List.of(Topics.ALLOCATIONS);

    private static final String LAST = "last";

    private final ProcessorContext<String, Object> context;
    private final RecordVersions versions;
    private final KeyValueStore<String, Long> lastRevision;
    private final Preconditions preconditions;
    private final Clock clock;

    Sequencer(ProcessorContext<String, Object> context, Clock clock) {
        this.context = context;
        this.versions = new RecordVersions(context.getStateStore(REVISIONS_STORE));
        this.lastRevision = context.getStateStore(LAST_REVISION_STORE);
        this.preconditions = new Preconditions(versions);
        this.clock = clock;
    }

    /** The sink writing the raw records of desired-state topic {@code topic}. */
    static String desiredStateSink(String topic) {
        return "desired-" + topic;
    }

    /** Records a change the change feed brought: a controller's, the scheduler's or an agent's record. */
    void recordFeedEntry(ChangeFeedEntry entry) {
        if (ServedTopics.byName(entry.getTopic()).isEmpty()) {
            throw new IllegalArgumentException("the change feed brought a record of " + entry.getTopic()
                    + ", which the API does not serve");
        }
        record(entry.getTopic(), entry.getKey(), entry.getValue(), entry.getTime(), entry.getActor());
    }

    /** Applies {@code request} when its preconditions hold, and answers it. */
    void apply(WriteRequest request) {
        Optional<String> refusal = refusalOf(request);
        if (refusal.isPresent()) {
            answer(request, WriteResponse.newBuilder().setRequestId(request.getRequestId()).setAccepted(false)
                    .setMessage(refusal.get()).build());
            return;
        }
        Optional<Preconditions.Failure> failure = preconditions.firstFailure(request);
        if (failure.isPresent()) {
            answer(request, WriteResponse.newBuilder().setRequestId(request.getRequestId()).setAccepted(false)
                    .setFailed(failure.get().precondition()).setCurrentRevision(failure.get().currentRevision())
                    .build());
            return;
        }
        byte[] value = bytesOf(request.getValue());
        if (isClaim(request.getTopic())) {
            long revision = claim(request, value);
            answer(request, WriteResponse.newBuilder().setRequestId(request.getRequestId()).setAccepted(true)
                    .setRevision(revision).build());
            return;
        }
        context.forward(new Record<String, Object>(request.getKey(), value, clock.millis()),
                desiredStateSink(request.getTopic()));
        long revision = record(request.getTopic(), request.getKey(), request.getValue(), clock.instant(),
                request.getActor());
        answer(request, WriteResponse.newBuilder().setRequestId(request.getRequestId()).setAccepted(true)
                .setRevision(revision).build());
    }

    /**
     * Why {@code request} cannot be applied whatever the state: a topic the gateways do not write
     * (neither served desired state nor claims).
     */
    private static Optional<String> refusalOf(WriteRequest request) {
        boolean desiredState = Topics.byName(request.getTopic())
                .filter(topic -> topic.writer() == Topic.Writer.CHANGE_LOG)
                .flatMap(topic -> ServedTopics.byName(topic.name()))
                .isPresent();
        return desiredState || isClaim(request.getTopic()) ? Optional.empty()
                : Optional.of("the change log applies no requests to write " + request.getTopic());
    }

    private static boolean isClaim(String topic) {
        return CLAIMS.stream().anyMatch(claims -> claims.name().equals(topic));
    }

    /**
     * Writes the claim (null: its release) with its revision in a header and keeps its version;
     * records no change, as nothing serves claims.
     */
    private long claim(WriteRequest request, byte[] value) {
        long revision = Revisions.next(orZero(lastRevision.get(LAST)), clock);
        lastRevision.put(LAST, revision);
        versions.put(Keys.changed(request.getTopic(), request.getKey()), revision, value);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.REVISION_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(revision).array());
        context.forward(new Record<String, Object>(request.getKey(), value, clock.millis(), headers),
                desiredStateSink(request.getTopic()));
        return revision;
    }

    private long record(String topic, String key, ByteBuffer value, Instant time, String actor) {
        long revision = Revisions.next(orZero(lastRevision.get(LAST)), clock);
        lastRevision.put(LAST, revision);
        String changedKey = Keys.changed(topic, key);
        Optional<RecordVersions.Version> previous = versions.get(changedKey);
        versions.put(changedKey, revision, bytesOf(value));
        var served = ServedTopics.byName(topic).orElseThrow();
        Change change = Change.newBuilder()
                .setRevision(revision)
                .setKind(served.kind().kind())
                .setObjectKey(ServedTopics.objectKey(topic, key))
                .setTopic(topic)
                .setKey(key)
                .setValue(value)
                .setPreviousRevision(previous.map(RecordVersions.Version::revision).orElse(0L))
                .setPreviousValue(previous.map(version -> ByteBuffer.wrap(version.value())).orElse(null))
                .setTime(time)
                .setActor(actor)
                .build();
        long timestamp = Revisions.millisOf(revision);
        context.forward(new Record<String, Object>(changedKey, change, timestamp), CHANGES_SINK);
        if (value == null) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.REVISION_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(revision).array());
            context.forward(new Record<String, Object>(changedKey, null, timestamp, headers), OBJECTS_SINK);
        } else {
            context.forward(new Record<String, Object>(changedKey, change, timestamp), OBJECTS_SINK);
        }
        return revision;
    }

    private void answer(WriteRequest request, WriteResponse response) {
        context.forward(new Record<String, Object>(request.getGateway(), response, clock.millis()), RESPONSES_SINK);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

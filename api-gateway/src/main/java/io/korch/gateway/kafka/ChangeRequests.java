package io.korch.gateway.kafka;

import io.korch.api.Precondition;
import io.korch.api.WriteRequest;
import io.korch.api.WriteResponse;
import io.korch.gateway.resource.ApiError;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the change log to write desired state: each write becomes a {@link WriteRequest} on
 * {@link Topics#WRITE_REQUESTS} carrying its preconditions, and completes with the revision the
 * change log gave it, or fails with {@link WriteRefused} when a precondition did not hold. The
 * decision is the change log's, so it holds across every gateway of the cluster.
 */
public final class ChangeRequests {

    /** How long a write waits for the change log's answer before the client is told it timed out. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private final String gateway;
    private final DesiredStateWriter writer;
    private final ResponseFeed responses;
    private final Clock clock;

    /** Sends requests of gateway {@code gateway} with {@code writer} and waits for their answers on {@code responses}. */
    public ChangeRequests(String gateway, DesiredStateWriter writer, ResponseFeed responses, Clock clock) {
        this.gateway = gateway;
        this.writer = writer;
        this.responses = responses;
        this.clock = clock;
    }

    /** The id of this gateway, as its requests and the change log's actors name it. */
    public String gateway() {
        return gateway;
    }

    /**
     * Asks that record {@code key} of {@code topic} become {@code value} (null: deleted) if every
     * one of {@code preconditions} holds when the change log applies it.
     *
     * @param actor who asks, recorded with the change: {@code gateway/ID} and the client
     * @return the change's revision; fails with {@link WriteRefused}, with a 504 {@link ApiError}
     *         when no answer came in time, or with Kafka's error when the request was not taken
     */
    public <V> Future<Long> write(Topic<String, V> topic, String key, V value, List<Precondition> preconditions,
                                  String actor) {
        String requestId = UUID.randomUUID().toString();
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        WriteRequest request = WriteRequest.newBuilder()
                .setRequestId(requestId)
                .setGateway(gateway)
                .setTopic(topic.name())
                .setKey(key)
                .setValue(bytes == null ? null : ByteBuffer.wrap(bytes))
                .setPreconditions(preconditions)
                .setActor(actor)
                .setRequestedAt(clock.instant())
                .build();
        CompletableFuture<WriteResponse> answer = responses.expect(requestId);
        Context context = Vertx.currentContext();
        Future<Long> sent = writer.write(Topics.WRITE_REQUESTS, Keys.changed(topic.name(), key), request);
        sent.onFailure(answer::completeExceptionally);
        CompletableFuture<Long> revision = new CompletableFuture<>();
        answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            try {
                revision.complete(revisionOf(response, unwrap(error)));
            } catch (RuntimeException e) {
                revision.completeExceptionally(e);
            }
        });
        return context == null ? Future.fromCompletionStage(revision) : Future.fromCompletionStage(revision, context);
    }

    private static long revisionOf(WriteResponse response, Throwable error) {
        if (error instanceof TimeoutException) {
            throw ApiError.timeout("the change log did not answer within " + ANSWER_TIMEOUT.toSeconds()
                    + " s; the write may still be applied (is a gateway's change log running?)");
        }
        if (error != null) {
            throw error instanceof RuntimeException runtime ? runtime : new CompletionException(error);
        }
        if (!response.getAccepted()) {
            Precondition failed = response.getFailed();
            throw new WriteRefused(failed, response.getCurrentRevision(),
                    failed == null ? String.valueOf(response.getMessage()) : null);
        }
        return response.getRevision();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}

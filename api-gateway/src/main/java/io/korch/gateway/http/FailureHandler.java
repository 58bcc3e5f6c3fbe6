package io.korch.gateway.http;

import io.korch.gateway.kafka.KafkaSettings;
import io.korch.gateway.resource.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed request into its answer: a Kubernetes {@code Status} with
 * the right code, whatever failed — a refused request ({@link ApiError}, including the 503 of the
 * readiness gate), Kafka not acknowledging a write (503), the router finding no route or method
 * (404, 405), the body handler's size limit (413), or a bug (500, logged).
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = toApiError(ctx);
        if (error.code() == 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else if (error.code() == 503) {
            LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), error.getMessage());
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Negotiation.respond(ctx, error.code(), StatusBody.of(error));
    }

    private static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            return error;
        }
        KafkaException kafka = kafkaCause(failure);
        if (kafka != null) {
            return ApiError.unavailable("Kafka did not acknowledge the write within "
                    + KafkaSettings.WRITE_TIMEOUT.toSeconds() + " s, so the change is not confirmed; "
                    + "retry when Kafka is reachable (" + kafka.getMessage() + ")");
        }
        return switch (ctx.statusCode()) {
            case 404 -> ApiError.noSuchPath();
            case 405 -> ApiError.methodNotAllowed("the method " + ctx.request().method() + " is not supported on "
                    + ctx.request().path());
            case 413 -> ApiError.tooLarge(ApiVerticle.MAX_BODY_BYTES);
            case 400 -> ApiError.badRequest(failure == null ? "bad request" : failure.getMessage());
            default -> ApiError.internal(failure == null || failure.getMessage() == null
                    ? "internal error" : failure.getMessage());
        };
    }

    /** The Kafka client error behind {@code failure}, if any; a serialization error is a bug, not unavailability. */
    private static KafkaException kafkaCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaException kafka && !(cause instanceof SerializationException)) {
                return kafka;
            }
        }
        return null;
    }
}

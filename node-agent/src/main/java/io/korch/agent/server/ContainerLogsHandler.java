package io.korch.agent.server;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.StreamHandle;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /containerLogs/{namespace}/{pod}/{container}}: parses the {@link LogQuery}, finds the container, and
 * streams its log from the runtime as {@code text/plain}, chunked, until the log (or, when following, the
 * container's run) ends, the byte limit is reached, or the client goes away. A bad query is a 400, a container not
 * on this node a 404, both with a plain-text reason as the kubelet answers.
 */
final class ContainerLogsHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final ContainerRuntime runtime;
    private final ContainerFinder finder;
    private final Clock clock;

    ContainerLogsHandler(Vertx vertx, ContainerRuntime runtime, ContainerFinder finder, Clock clock) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.finder = finder;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        LogQuery query;
        try {
            query = LogQuery.parse(ctx.request()::getParam, clock);
        } catch (IllegalArgumentException e) {
            PlainText.respond(ctx.response(), 400, e.getMessage());
            return;
        }
        String namespace = ctx.pathParam("namespace");
        String pod = ctx.pathParam("pod");
        String container = ctx.pathParam("container");
        HttpServerResponse response = ctx.response();
        vertx.executeBlocking(() -> finder.find(namespace, pod, container)).onComplete(found -> {
            if (found.failed()) {
                PlainText.respond(response, 500, "cannot list containers: " + found.cause().getMessage());
            } else if (found.result().isEmpty()) {
                PlainText.respond(response, 404, notFound(namespace, pod, container));
            } else {
                stream(vertx.getOrCreateContext(), response, found.result().get(), query);
            }
        });
    }

    static String notFound(String namespace, String pod, String container) {
        return "container \"" + container + "\" in pod \"" + pod + "\" not found on this node (namespace "
                + namespace + ")";
    }

    private void stream(Context context, HttpServerResponse response, RuntimeContainer container, LogQuery query) {
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/plain");
        LogOutput output = new LogOutput(query.timestamps(), query.limitBytes());
        AtomicReference<StreamHandle> handle = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Runnable finish = () -> {
            if (done.compareAndSet(false, true)) {
                Optional.ofNullable(handle.get()).ifPresent(StreamHandle::close);
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            }
        };
        LogSink sink = new LogSink() {
            @Override
            public void entry(Instant time, byte[] bytes) {
                if (done.get()) {
                    return;
                }
                byte[] formatted = output.format(time, bytes);
                if (formatted.length > 0) {
                    response.write(Buffer.buffer(formatted));
                }
                if (output.full()) {
                    finish.run();
                }
            }

            @Override
            public void end(Throwable failure) {
                finish.run();
            }
        };
        response.closeHandler(v -> finish.run());
        vertx.executeBlocking(() -> runtime.logs(container.id(), query.request(), sink)).onComplete(started -> {
            if (started.failed()) {
                done.set(true);
                PlainText.respond(response, 500, "cannot read the log of container " + container.name() + ": "
                        + started.cause().getMessage());
            } else if (!handle.compareAndSet(null, started.result()) || done.get()) {
                started.result().close();
            }
        });
    }
}

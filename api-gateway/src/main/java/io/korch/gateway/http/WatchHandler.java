package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.conversion.ServedVersion;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.history.LogReplay;
import io.korch.gateway.printing.Conversion;
import io.korch.gateway.printing.IncludeObject;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.ConvertedWatchEncoding;
import io.korch.gateway.watch.FieldSelector;
import io.korch.gateway.watch.ObjectChange;
import io.korch.gateway.watch.ServedVersionEncoding;
import io.korch.gateway.watch.WatchFilter;
import io.korch.gateway.watch.WatchEncoding;
import io.korch.gateway.watch.WatchHub;
import io.korch.gateway.watch.Watcher;
import io.korch.gateway.watch.WatchSink;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.korch.printing.TablePrinter;
import io.korch.topics.Revisions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serves {@code ?watch=true} on every list path: Kubernetes watch events ({@code ADDED},
 * {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK}, {@code ERROR}) as newline-delimited JSON
 * over a chunked response, for one kind in one namespace or all, filtered by label and field
 * selectors.
 *
 * <p>Without a resourceVersion (or with {@code 0}) a watch starts with an ADDED event per object
 * that exists, then follows. With one, it gets every change after it: from the gateway's window
 * of recent changes ({@link WatchHub}) when that reaches back so far, else replayed from the
 * change log ({@link LogReplay}) on a worker thread, at the client's pace; a resourceVersion
 * older than the change log's retention gets 410 Expired. {@code allowWatchBookmarks=true} adds a
 * BOOKMARK every {@link #BOOKMARK_INTERVAL} while nothing is pending, {@code timeoutSeconds} ends
 * the watch, and a client that falls too far behind is cut off ({@link Watcher}). A watch whose
 * {@code Accept} header asks for a Table gets each object as a one-row Table, the first with the
 * column definitions ({@link ConvertedWatchEncoding}), as {@code kubectl get -w} asks.
 */
final class WatchHandler {

    /** How often a watch that asked for bookmarks gets one. */
    static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(2);
    /** How long a watch from a resourceVersion this gateway has not reached yet waits for it. */
    static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final ClusterView view;
    private final WatchHub hub;
    private final Supplier<ChangeLogReader> readers;

    WatchHandler(ClusterView view, WatchHub hub, Supplier<ChangeLogReader> readers) {
        this.view = view;
        this.hub = hub;
        this.readers = readers;
    }

    /** Whether the request asks for a watch. */
    static boolean requested(RoutingContext ctx) {
        String watch = ctx.request().getParam("watch");
        return "true".equals(watch) || "1".equals(watch);
    }

    /** Watches {@code kind} in {@code namespace} (null: every namespace). */
    void watch(RoutingContext ctx, ApiKind kind, String namespace) {
        watch(ctx, kind, null, namespace);
    }

    /**
     * Watches {@code kind} in {@code namespace} (null: every namespace), its objects converted to
     * {@code version} (null: the stored version).
     */
    void watch(RoutingContext ctx, ApiKind kind, ServedVersion<?, ?> version, String namespace) {
        Selector labels = Lists.labelSelector(ctx);
        FieldSelector<SpecificRecord> fields = FieldSelector.forKind(kind, ctx.request().getParam("fieldSelector"));
        OptionalLong from = resourceVersion(ctx.request().getParam("resourceVersion"));
        int timeoutSeconds = timeoutSeconds(ctx.request().getParam("timeoutSeconds"));
        boolean bookmarks = "true".equals(ctx.request().getParam("allowWatchBookmarks"));
        WatchEncoding encoding = version == null ? encoding(ctx)
                : new ServedVersionEncoding(version, encoding(ctx, version.printer()));
        String apiVersion = version == null ? kind.apiVersion() : version.apiVersion();
        WatchFilter filter = new WatchFilter(kind, namespace, labels, fields);
        Context context = Vertx.currentContext();
        caughtUpWith(from, context).onComplete(reached -> {
            if (reached.failed()) {
                ctx.fail(reached.cause());
                return;
            }
            start(ctx, filter, apiVersion, bookmarks, timeoutSeconds, encoding).onSuccess(watcher -> {
                if (from.isEmpty()) {
                    startWithExisting(watcher, filter);
                    return;
                }
                WatchHub.Subscription subscription = hub.subscribe(watcher, from.getAsLong());
                if (subscription.replayUpTo() != 0) {
                    replayFromLog(ctx.vertx(), watcher, from.getAsLong(), subscription.replayUpTo());
                }
            }).onFailure(ctx::fail);
        });
    }

    private Future<Void> caughtUpWith(OptionalLong from, Context context) {
        if (from.isEmpty() || from.getAsLong() <= view.position()) {
            return Future.succeededFuture();
        }
        var reached = view.awaitPosition(from.getAsLong()).orTimeout(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    throw ApiError.timeout("Too large resource version: " + from.getAsLong()
                            + ", current resource version: " + view.position());
                });
        return Future.fromCompletionStage(reached, context);
    }

    private Future<Watcher> start(RoutingContext ctx, WatchFilter filter, String apiVersion, boolean bookmarks,
                                  int timeoutSeconds, WatchEncoding encoding) {
        return open(ctx, filter::matches, filter.kind().plural(), timeoutSeconds, encoding).onSuccess(watcher -> {
            if (bookmarks) {
                Vertx vertx = ctx.vertx();
                vertx.setPeriodic(BOOKMARK_INTERVAL.toMillis(), id -> {
                    if (watcher.closed()) {
                        vertx.cancelTimer(id);
                    } else {
                        watcher.bookmark(apiVersion, filter.kind().kind(), hub::published);
                    }
                });
            }
        });
    }

    /**
     * How the watch of {@code ctx} writes its changes: as the objects, or converted to the Table or
     * {@code PartialObjectMetadata} its {@code Accept} header asks for ({@link Negotiation#accepted}).
     *
     * @throws ApiError 406 for an Accept header asking only for conversions korch does not serve
     */
    static WatchEncoding encoding(RoutingContext ctx) {
        return encoding(ctx, null);
    }

    /** {@link #encoding(RoutingContext)}, Table rows printed by {@code printer} (null: by each change's kind). */
    private static WatchEncoding encoding(RoutingContext ctx, TablePrinter<?> printer) {
        Conversion conversion = Negotiation.accepted(ctx.request().getHeader(HttpHeaders.ACCEPT)).conversion();
        IncludeObject include = conversion != null && conversion.target() == Conversion.Target.TABLE
                ? IncludeObject.parse(ctx.request().getParam("includeObject")) : IncludeObject.METADATA;
        return ConvertedWatchEncoding.of(conversion, include, Clock.systemUTC(), printer);
    }

    /**
     * Starts the answer of a watch of {@code what} — a chunked response, or a WebSocket when the
     * request asks to upgrade — and the {@link Watcher} writing to it, in the encoding its
     * {@code Accept} header asks for, ended after {@code timeoutSeconds} (0: never) or when the
     * client goes.
     */
    static Future<Watcher> open(RoutingContext ctx, Predicate<ObjectChange> filter, String what, int timeoutSeconds) {
        return open(ctx, filter, what, timeoutSeconds, encoding(ctx));
    }

    private static Future<Watcher> open(RoutingContext ctx, Predicate<ObjectChange> filter, String what,
                                        int timeoutSeconds, WatchEncoding encoding) {
        Context context = Vertx.currentContext();
        Future<WatchSink> sink = upgradeRequested(ctx)
                ? ctx.request().toWebSocket().map(WatchSink::of)
                : Future.succeededFuture(chunked(ctx.response()));
        return sink.map(opened -> {
            Watcher watcher = new Watcher(filter, what, context, opened, Watcher.MAX_QUEUED_BYTES, encoding);
            Vertx vertx = ctx.vertx();
            long endTimer = timeoutSeconds > 0 ? vertx.setTimer(timeoutSeconds * 1000L, id -> watcher.end()) : -1;
            opened.closeHandler(ignored -> {
                vertx.cancelTimer(endTimer);
                watcher.end();
            });
            return watcher;
        });
    }

    /** Whether the client asks for the watch on a WebSocket, as the fabric8 client does. */
    static boolean upgradeRequested(RoutingContext ctx) {
        return "websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE));
    }

    private static WatchSink chunked(HttpServerResponse response) {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache, private");
        response.writeHead();
        return WatchSink.of(response);
    }

    /** An ADDED event per object that exists now, then every change after. */
    private void startWithExisting(Watcher watcher, WatchFilter filter) {
        watcher.holdLive();
        long position = hub.subscribeFromNow(watcher);
        for (String key : HistoryHandlers.keys(view, filter.kind(), filter.namespace())) {
            ServedObjects.served(view, filter.kind(), key).ifPresent(object -> watcher.deliverExisting(
                    new ObjectChange(position, filter.kind(), key, ObjectChange.Type.ADDED, object)));
        }
        watcher.deliveredUpTo(position);
        watcher.releaseHeld();
    }

    /** Replays the changes after {@code revision} up to {@code upTo} from the change log, then goes live. */
    private void replayFromLog(Vertx vertx, Watcher watcher, long revision, long upTo) {
        vertx.executeBlocking(() -> {
            try (ChangeLogReader reader = readers.get()) {
                OptionalLong retainedFrom = reader.retainedFrom();
                if (retainedFrom.isPresent() && revision < retainedFrom.getAsLong()) {
                    watcher.endWith(expired(revision, retainedFrom.getAsLong()));
                    return null;
                }
                LogReplay replay = new LogReplay(view, reader);
                ClusterView then = replay.stateAt(revision, upTo, change -> true);
                replay.replay(then, revision, upTo, change -> true, change -> {
                    try {
                        watcher.awaitRoom();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        watcher.end();
                    }
                    watcher.deliver(change);
                });
                watcher.releaseHeld();
            }
            return null;
        }, false).onFailure(error -> watcher.end());
    }

    private static byte[] expired(long revision, long retainedFrom) {
        ObjectNode status = ApiJson.MAPPER.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure")
                .put("message", "too old resource version: " + revision + " (" + retainedFrom + ")")
                .put("reason", "Expired").put("code", 410);
        ObjectNode event = ApiJson.MAPPER.createObjectNode();
        event.put("type", ObjectChange.Type.ERROR.name());
        event.set("object", status);
        return ObjectChange.lineOf(event);
    }

    private static OptionalLong resourceVersion(String text) {
        if (text == null || text.isEmpty() || text.equals("0")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Revisions.parse(text).orElseThrow(() -> ApiError.invalidResourceVersion(text)));
    }

    static int timeoutSeconds(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(text);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("timeoutSeconds \"" + text + "\" is not a number of seconds");
        }
    }
}

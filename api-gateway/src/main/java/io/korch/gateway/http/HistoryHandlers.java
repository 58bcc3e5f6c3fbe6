package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Change;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.history.LogReplay;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.ResourceType;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.korch.topics.Revisions;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the change log tells of the past, read on a worker thread since it reads Kafka:
 * <ul>
 *   <li>{@code GET <object path>/history}: every version of one object still in the log, oldest
 *       first, each with its revision, time, actor and the object as served then — also for an
 *       object deleted since;</li>
 *   <li>{@code GET <list or object path>?asOf=TIME}: the objects as they were at TIME (RFC 3339),
 *       those deleted since included, from the live view with every record changed after TIME set
 *       back ({@link LogReplay#stateAt}).</li>
 * </ul>
 */
final class HistoryHandlers {

    private final ClusterView view;
    private final Supplier<ChangeLogReader> readers;
    private final Clock clock;

    HistoryHandlers(ClusterView view, Supplier<ChangeLogReader> readers, Clock clock) {
        this.view = view;
        this.readers = readers;
        this.clock = clock;
    }

    /** Answers with the history of object {@code objectKey} of {@code kind}. */
    void history(RoutingContext ctx, ApiKind kind, String objectKey) {
        long upTo = view.position();
        ctx.vertx().executeBlocking(() -> {
            try (ChangeLogReader reader = readers.get()) {
                LogReplay replay = new LogReplay(view, reader);
                Predicate<Change> ofObject = change ->
                        change.getKind().equals(kind.kind()) && change.getObjectKey().equals(objectKey);
                ClusterView then = replay.stateAt(0, upTo, ofObject);
                ArrayNode items = ApiJson.MAPPER.createArrayNode();
                replay.replay(then, 0, upTo, ofObject, (change, objectChange) -> {
                    ObjectNode item = items.addObject();
                    item.put("revision", Long.toString(objectChange.revision()));
                    item.put("time", change.getTime().toString());
                    item.put("actor", change.getActor());
                    item.put("type", objectChange.type().name());
                    item.set("object", ApiJson.write(objectChange.object()));
                });
                return items;
            }
        }, false).onSuccess(items -> {
            if (items.isEmpty()) {
                ctx.fail(ApiError.notFound(kind, objectKey.substring(objectKey.indexOf('/') + 1)));
                return;
            }
            ObjectNode history = ApiJson.MAPPER.createObjectNode();
            history.put("apiVersion", "korch.io/v1");
            history.put("kind", "ObjectHistory");
            history.putObject("metadata").put("resourceVersion", Long.toString(upTo));
            history.set("items", items);
            Negotiation.respond(ctx, 200, history);
        }).onFailure(ctx::fail);
    }

    /** Whether the request asks for the past. */
    static boolean asOfRequested(RoutingContext ctx) {
        return ctx.request().getParam("asOf") != null;
    }

    /**
     * Answers with the objects of {@code kind} in {@code namespace} (null: all) as they were at the
     * request's {@code asOf}; only {@code name} when it is not null.
     */
    void asOf(RoutingContext ctx, ApiKind kind, String namespace, String name) {
        long revision = revisionAt(ctx.request().getParam("asOf"));
        Selector labels = Lists.labelSelector(ctx);
        long upTo = view.position();
        ctx.vertx().executeBlocking(() -> {
            try (ChangeLogReader reader = readers.get()) {
                OptionalLong retainedFrom = reader.retainedFrom();
                if (retainedFrom.isPresent() && revision < retainedFrom.getAsLong()) {
                    throw ApiError.expired("asOf " + ctx.request().getParam("asOf") + " is before the oldest change"
                            + " the change log still holds (" + Revisions.timeOf(retainedFrom.getAsLong()) + ")");
                }
                ClusterView then = new LogReplay(view, reader).stateAt(revision, upTo, change -> true);
                List<ObjectNode> items = new ArrayList<>();
                for (String key : keys(then, kind, namespace)) {
                    if (name == null || key.equals(name) || key.endsWith("/" + name)) {
                        ServedObjects.served(then, kind, key)
                                .filter(object -> labels.matches(ObjectRecords.metadata(object).getLabels()))
                                .ifPresent(object -> items.add(ApiJson.write(object)));
                    }
                }
                return items;
            }
        }, false).onSuccess(items -> {
            if (name == null) {
                Negotiation.respond(ctx, 200, Lists.of(kind.apiVersion(), kind.kind(), revision, items));
            } else if (items.isEmpty()) {
                ctx.fail(ApiError.notFound(kind, name));
            } else {
                Negotiation.respond(ctx, 200, items.get(0));
            }
        }).onFailure(ctx::fail);
    }

    /** The revision of the last change recorded at or before {@code text}, an RFC 3339 time not in the future. */
    private long revisionAt(String text) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("asOf \"" + text + "\" is not an RFC 3339 time such as 2026-12-01T10:00:00Z");
        }
        if (at.isAfter(clock.instant())) {
            throw ApiError.badRequest("asOf " + text + " is in the future");
        }
        return Revisions.firstAt(at.plusMillis(1)) - 1;
    }

    /** The keys of the objects of {@code kind} in {@code namespace} (null: all) that {@code then} holds. */
    static Set<String> keys(ClusterView then, ApiKind kind, String namespace) {
        ResourceType<?> type = ServedObjects.typeOf(kind);
        List<Topic<String, ?>> topics = new ArrayList<>();
        if (kind == ApiKind.NODE) {
            topics.add(Topics.NODES);
        }
        topics.add(type.userTopic());
        if (type.ownedTopic() != null) {
            topics.add(type.ownedTopic());
        }
        Set<String> keys = new TreeSet<>();
        for (Topic<String, ?> topic : topics) {
            then.table(topic).live().map(Map.Entry::getKey)
                    .filter(key -> namespace == null || key.startsWith(namespace + "/"))
                    .forEach(keys::add);
        }
        return keys;
    }
}

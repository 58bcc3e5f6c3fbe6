package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.history.LogReplay;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.ServedObjects;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.Versioned;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Answers lists of objects as Kubernetes pages them ({@link ListOptions}): the items of one kind in
 * one namespace or all, ordered by key, that the label and field selectors select; at most
 * {@code limit} of them, with a {@code metadata.continue} token ({@link ContinueToken}) and
 * {@code metadata.remainingItemCount} (korch always knows it) when more remain.
 *
 * <p>Every page of one list shows the cluster at the same revision, the first page's, which is its
 * {@code metadata.resourceVersion}. A page at the view's position is read from the view, on the
 * event loop. A page at an earlier revision — the later pages of a list once the view has moved,
 * or {@code resourceVersionMatch=Exact} — is read on a worker thread from the cluster as of that
 * revision, rebuilt from the change log ({@link LogReplay#stateAt}); an object none of whose
 * records changed since is served from the view, with its resourceVersion as the view has it. A
 * revision older than the change log still holds gets 410 Expired: for a token, with Kubernetes'
 * message and a token that continues at the latest state.
 */
final class ObjectLists {

    /** How long a list waits for the view to reach the resourceVersion it names. */
    static final Duration CATCH_UP = Duration.ofSeconds(5);

    static final String CONTINUE_EXPIRED = "The provided continue parameter is too old to display a consistent list"
            + " result. You can start a new list without the continue parameter, or use the continue token in this"
            + " response to retrieve the remainder of the results. Continuing with the provided token results in an"
            + " inconsistent list - objects that were created, modified, or deleted between the time the first chunk"
            + " was returned and now may show up in the list.";
    static final String LIST_EXPIRED = "The resourceVersion for the provided list is too old.";

    /** A 410 for a continue token older than the change log, carrying a token that continues at the latest state. */
    static final class ContinueExpired extends RuntimeException {

        private final transient ContinueToken latest;

        ContinueExpired(ContinueToken latest) {
            super(CONTINUE_EXPIRED);
            this.latest = latest;
        }
    }

    /** The cluster a page is read from, at {@code revision}; {@code changed}: the objects of the kind changed since, when it is not the view. */
    private record State(ClusterView view, long revision, Set<String> changed) {
    }

    private final ClusterView view;
    private final Supplier<ChangeLogReader> readers;

    ObjectLists(ClusterView view, Supplier<ChangeLogReader> readers) {
        this.view = view;
        this.readers = readers;
    }

    /** The page of {@code kind} in {@code namespace} (null: all) that {@code options} ask for, as a {@code <Kind>List}. */
    Future<ObjectNode> list(ApiKind kind, String namespace, ListOptions options) {
        Context context = Vertx.currentContext();
        return caughtUpWith(options.atLeast(), context).compose(ignored -> {
            long revision = options.exactly();
            if (revision == 0 || revision == view.position()) {
                return Future.succeededFuture(page(kind, namespace, options, new State(view, view.position(), Set.of())));
            }
            return context.owner().executeBlocking(() -> page(kind, namespace, options, stateAt(kind, revision, options)),
                    false);
        });
    }

    /** Fails {@code ctx} with {@code error}; a {@link ContinueExpired} is answered here, its Status carrying the new token. */
    static void fail(RoutingContext ctx, Throwable error) {
        if (error instanceof ContinueExpired expired) {
            ObjectNode status = StatusBody.of(ApiError.expired(CONTINUE_EXPIRED));
            status.putObject("metadata").put("continue", expired.latest.encode());
            Negotiation.respond(ctx, 410, status);
            return;
        }
        ctx.fail(error);
    }

    private Future<Void> caughtUpWith(long revision, Context context) {
        if (revision <= view.position()) {
            return Future.succeededFuture();
        }
        var reached = view.awaitPosition(revision).orTimeout(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    throw ApiError.timeout("Too large resource version: " + revision + ", current resource version: "
                            + view.position());
                });
        return Future.fromCompletionStage(reached, context);
    }

    /** The cluster as of {@code revision}, from the change log; blocks. */
    private State stateAt(ApiKind kind, long revision, ListOptions options) {
        try (ChangeLogReader reader = readers.get()) {
            OptionalLong retainedFrom = reader.retainedFrom();
            if (retainedFrom.isPresent() && revision < retainedFrom.getAsLong()) {
                if (options.continueFrom() != null) {
                    throw new ContinueExpired(new ContinueToken(ContinueToken.LATEST, options.continueFrom().after()));
                }
                throw ApiError.expired(LIST_EXPIRED);
            }
            Set<String> changed = new HashSet<>();
            // to the log's end rather than the view's position: setting back a change the view has
            // not applied yet is harmless, missing one it applied meanwhile is not
            ClusterView then = new LogReplay(view, reader).stateAt(revision, Long.MAX_VALUE, change -> {
                if (change.getKind().equals(kind.kind())) {
                    changed.add(change.getObjectKey());
                }
                return true;
            });
            return new State(then, revision, changed);
        }
    }

    private ObjectNode page(ApiKind kind, String namespace, ListOptions options, State state) {
        NavigableSet<String> keys = new TreeSet<>(HistoryHandlers.keys(state.view(), kind, namespace));
        if (options.continueFrom() != null) {
            keys = keys.tailSet(options.continueFrom().after(), false);
        }
        List<ObjectNode> items = new ArrayList<>();
        String last = null;
        long remaining = 0;
        for (String key : keys) {
            Optional<SpecificRecord> served = served(state, kind, key)
                    .filter(object -> options.labels().matches(ObjectRecords.metadata(object).getLabels()))
                    .filter(options.fields());
            if (served.isEmpty()) {
                continue;
            }
            if (options.limit() == 0 || items.size() < options.limit()) {
                items.add(ApiJson.write(served.get()));
                last = key;
            } else {
                remaining++;
            }
        }
        ObjectNode list = Lists.of(kind.apiVersion(), kind.kind(), state.revision(), items);
        if (remaining > 0) {
            ObjectNode metadata = (ObjectNode) list.get("metadata");
            metadata.put("continue", new ContinueToken(state.revision(), last).encode());
            metadata.put("remainingItemCount", remaining);
        }
        return list;
    }

    /**
     * The object {@code key} as {@code state} serves it. One that changed since the state's revision
     * is served from the rebuilt state, its resourceVersion the latest revision of its records then;
     * any other from the view, which holds it as it was.
     */
    private Optional<SpecificRecord> served(State state, ApiKind kind, String key) {
        if (state.view() == view || !state.changed().contains(key)) {
            return ServedObjects.served(view, kind, key);
        }
        return ServedObjects.served(state.view(), kind, key)
                .map(object -> withResourceVersion(object, revisionOf(state.view(), kind, key, object)));
    }

    /** The latest revision of the records of object {@code key} of {@code kind} that {@code then} holds. */
    private static long revisionOf(ClusterView then, ApiKind kind, String key, SpecificRecord object) {
        long revision = 0;
        for (ServedTopics.Served served : ServedTopics.ALL) {
            if (served.kind() != kind) {
                continue;
            }
            String recordKey = served.topic().name().equals(Topics.POD_STATUS.name())
                    ? key + "/" + ObjectRecords.metadata(object).getUid() : key;
            revision = Math.max(revision, then.table(served.topic()).get(recordKey).map(Versioned::revision).orElse(0L));
        }
        return revision;
    }

    private static SpecificRecord withResourceVersion(SpecificRecord object, long revision) {
        var meta = ObjectRecords.with(ObjectRecords.metadata(object), "resourceVersion", Long.toString(revision));
        return ObjectRecords.with(object, "metadata", meta);
    }
}

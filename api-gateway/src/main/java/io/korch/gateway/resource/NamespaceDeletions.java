package io.korch.gateway.resource;

import io.korch.gateway.kafka.WriteRefused;
import io.korch.topics.Topics;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties and deletes the namespaces being deleted, as Kubernetes' namespace controller does.
 * {@link ObjectStore#delete} only marks a namespace that holds objects ({@code deletionTimestamp},
 * served as {@code Terminating}, closed to new objects); each run of {@link #finishDue} deletes, in
 * every marked namespace, the objects no controller owns — Deployments, ReplicaSets, Services,
 * ConfigMaps and the rest, with {@code propagationPolicy: Background}, so that the controllers
 * delete what those own — and deletes the namespace once nothing is left in it. The change log
 * deletes the namespace's events with it.
 *
 * <p>As {@link ForegroundDeletions}: a run looks only when the view has moved, remembers nothing
 * but the deletions in flight, and runs on every gateway, so a namespace is emptied whichever gateway
 * marked it; a deletion another gateway made first is refused and ignored. Confined to the API
 * verticle's event loop.
 */
public final class NamespaceDeletions {

    /** How often {@link #finishDue} should run. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceDeletions.class);

    private final ObjectStore store;
    private final Clock clock;
    private final Set<String> inFlight = new HashSet<>();
    /** The view's position at the last run that left nothing to retry: until it moves, nothing can be due. */
    private long settledAt = -1;

    public NamespaceDeletions(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Deletes what the namespaces being deleted hold, and each one that holds nothing.
     *
     * @return how many namespaces this run deleted
     */
    public Future<Integer> finishDue() {
        long position = store.view().position();
        if (position == settledAt) {
            return Future.succeededFuture(0);
        }
        settledAt = position;
        List<String> terminating = store.view().table(Topics.NAMESPACES).live()
                .filter(entry -> ObjectStore.terminating(entry.getValue().value()))
                .map(Map.Entry::getKey)
                .toList();
        List<Future<Boolean>> purges = new ArrayList<>();
        for (String namespace : terminating) {
            List<ObjectStore.NamespacedObject> contents = store.contents(namespace);
            if (contents.isEmpty()) {
                purges.add(run("namespaces/" + namespace, () -> store.purgeNamespace(namespace)));
            } else {
                contents.stream().filter(object -> !object.owned()).forEach(object -> run(
                        object.type().kind().plural() + "/" + object.key(),
                        () -> store.delete(object.type(), object.key(), clock.instant(), Deletion.BACKGROUND)));
            }
        }
        return Future.all(purges).map(all -> (int) purges.stream().filter(Future::result).count());
    }

    /** Runs one deletion unless it is in flight already; true when it was applied. */
    private Future<Boolean> run(String what, Supplier<Future<?>> deletion) {
        if (!inFlight.add(what)) {
            return Future.succeededFuture(false);
        }
        Future<?> started;
        try {
            started = deletion.get();
        } catch (RuntimeException e) {
            started = Future.failedFuture(e);
        }
        return started.map(done -> true)
                .recover(error -> {
                    // tried again at the next run; refusals (another gateway was first, the object
                    // changed or went meanwhile) are expected, anything else is worth a line
                    settledAt = -1;
                    if (!(error instanceof WriteRefused) && !(error instanceof ApiError)) {
                        LOG.warn("cannot delete {} of a namespace being deleted: {}", what, error.getMessage());
                    }
                    return Future.succeededFuture(false);
                })
                .onComplete(ignored -> inFlight.remove(what));
    }
}

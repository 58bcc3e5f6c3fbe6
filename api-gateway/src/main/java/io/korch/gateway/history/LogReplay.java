package io.korch.gateway.history;

import io.korch.api.Change;
import io.korch.gateway.view.ChangeValues;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.watch.ObjectChange;
import io.korch.gateway.watch.ObjectChanges;
import io.korch.topics.Keys;
import io.korch.topics.ServedTopics;
import io.korch.topics.Topic;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Rebuilds the cluster as of an earlier revision from the live view and the change log, and
 * replays what followed. Every change carries the value its record had before it, so the cluster
 * at revision R is the live view with each record changed after R set back to the previous value
 * of its first change after R ({@link #stateAt}): one pass over the log from R to now, whatever
 * happened before R. Replaying the changes after R onto that state ({@link #replay}) gives each
 * object as it was after each of them — what a watch resuming from R, or an object's history,
 * shows.
 */
public final class LogReplay {

    private final ClusterView live;
    private final ChangeLogReader reader;

    /** Replays onto {@code live}'s state, reading the log with {@code reader}. */
    public LogReplay(ClusterView live, ChangeLogReader reader) {
        this.live = live;
        this.reader = reader;
    }

    /**
     * The cluster as of {@code revision}, taking the live view to hold every change up to
     * {@code upTo}; only the records that {@code which} selects are set back.
     */
    public ClusterView stateAt(long revision, long upTo, Predicate<Change> which) {
        ClusterView then = ClusterView.overlayOn(live);
        Set<String> setBack = new HashSet<>();
        reader.read(revision, upTo, change -> {
            if (which.test(change) && setBack.add(Keys.changed(change.getTopic(), change.getKey()))) {
                ServedTopics.byName(change.getTopic()).ifPresent(served ->
                        setBack(then, served.topic(), change));
            }
            return true;
        });
        return then;
    }

    /** Applies to {@code then} (from {@link #stateAt}) the changes after {@code revision} up to {@code upTo} that {@code which} selects. */
    public void replay(ClusterView then, long revision, long upTo, Predicate<Change> which, Consumer<ObjectChange> sink) {
        replay(then, revision, upTo, which, (change, objectChange) -> sink.accept(objectChange));
    }

    /** {@link #replay(ClusterView, long, long, Predicate, Consumer)}, handing each object change with the change that made it. */
    public void replay(ClusterView then, long revision, long upTo, Predicate<Change> which,
                       BiConsumer<Change, ObjectChange> sink) {
        reader.read(revision, upTo, change -> {
            if (which.test(change)) {
                ServedTopics.byName(change.getTopic()).ifPresent(served ->
                        apply(then, served.topic(), change).ifPresent(objectChange -> sink.accept(change, objectChange)));
            }
            return true;
        });
    }

    private static <V> void setBack(ClusterView then, Topic<String, V> topic, Change change) {
        then.set(topic, change.getKey(), ChangeValues.decode(topic, change.getPreviousValue()),
                change.getPreviousRevision());
    }

    private static <V> Optional<ObjectChange> apply(ClusterView then, Topic<String, V> topic, Change change) {
        return ObjectChanges.apply(then, topic, change.getKey(), ChangeValues.decode(topic, change.getValue()),
                change.getRevision());
    }
}

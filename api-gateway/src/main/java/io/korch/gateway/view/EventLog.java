package io.korch.gateway.view;

import io.korch.api.Event;
import io.korch.model.Events;
import io.korch.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The events of each namespace, from the time-retained event log, for {@code korch get events},
 * {@code korch events} and {@code korch describe}. A repeated event is not kept twice: it is
 * folded into the one seen before ({@link EventCorrelation}), which then counts both.
 *
 * <p>Events are kept in groups, each of which is read from one partition of the log, always in the
 * same order: the events of a namespace's objects, and those of each cluster-wide object (a node,
 * the cluster), which are listed with namespace {@code default}. A group keeps at most its
 * capacity of events; beyond it, the one seen last the longest ago is forgotten. So the gateway
 * rebuilds, from the log, exactly the events it had before a restart, for as long as the log
 * retains what they were made of. Safe for concurrent use.
 */
public final class EventLog {

    /** Events kept per namespace and per cluster-wide object. */
    public static final int DEFAULT_CAPACITY = 1000;

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Oldest last occurrence first; ties are broken by what tells events apart, so no two are equal. */
    private static final Comparator<Event> CHRONOLOGICAL = Comparator.comparing(Event::getLastTimestamp)
            .thenComparing(event -> event.getMetadata().getName(), NULLS_FIRST)
            .thenComparing(event -> event.getMetadata().getUid(), NULLS_FIRST)
            .thenComparing(event -> EventCorrelation.key(event).toString());

    private final int capacity;
    private final Map<Group, GroupEvents> groups = new ConcurrentHashMap<>();

    public EventLog(int capacity) {
        this.capacity = capacity;
    }

    public EventLog() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Remembers {@code event}, folded into the event of its key when one is remembered; forgets the
     * event of its group seen last the longest ago when the group is then over capacity.
     */
    public void add(Event event) {
        groups.computeIfAbsent(Group.of(event), group -> new GroupEvents()).add(event, capacity);
    }

    /**
     * The remembered events of {@code namespace} (null: of every namespace) that {@code filter}
     * accepts, oldest last occurrence first.
     */
    public List<Event> list(String namespace, Predicate<Event> filter) {
        List<Event> result = new ArrayList<>();
        groups.forEach((group, events) -> {
            if (namespace == null || namespace.equals(group.namespace())) {
                events.addMatching(filter, result);
            }
        });
        result.sort(CHRONOLOGICAL);
        return result;
    }

    /**
     * Events read from one partition of the log, in one order, and listed in one namespace.
     *
     * @param namespace  where the events are listed
     * @param routingKey what places them on their partition: the namespace of a namespaced
     *                   object, the name of a cluster-wide one
     */
    private record Group(String namespace, String routingKey) {

        static Group of(Event event) {
            return new Group(namespaceOf(event), Topics.EVENTS.partitioning().routingKey(Events.key(event)));
        }
    }

    private static String namespaceOf(Event event) {
        if (event.getMetadata() != null && event.getMetadata().getNamespace() != null) {
            return event.getMetadata().getNamespace();
        }
        String namespace = event.getInvolvedObject().getNamespace();
        return namespace == null ? "default" : namespace;
    }

    /** The events of one group, by key and in {@link #CHRONOLOGICAL} order. */
    private static final class GroupEvents {

        private final Map<EventCorrelation.Key, Event> byKey = new HashMap<>();
        private final TreeSet<Event> chronological = new TreeSet<>(CHRONOLOGICAL);

        synchronized void add(Event event, int capacity) {
            EventCorrelation.Key key = EventCorrelation.key(event);
            Event seen = byKey.get(key);
            Event kept = event;
            if (seen != null) {
                chronological.remove(seen);
                kept = EventCorrelation.merge(seen, event);
            }
            byKey.put(key, kept);
            chronological.add(kept);
            if (chronological.size() > capacity) {
                byKey.remove(EventCorrelation.key(chronological.pollFirst()));
            }
        }

        synchronized void addMatching(Predicate<Event> filter, List<Event> into) {
            for (Event event : chronological) {
                if (filter.test(event)) {
                    into.add(event);
                }
            }
        }
    }
}

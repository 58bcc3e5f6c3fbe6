package io.korch.gateway.view;

import io.korch.api.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The most recent events of each namespace, from the time-retained event log, for
 * {@code korch describe} and {@code korch events}. Older events beyond the per-namespace capacity
 * are forgotten. Safe for concurrent use.
 */
public final class EventLog {

    /** Events kept per namespace. */
    public static final int DEFAULT_CAPACITY = 1000;

    private static final Comparator<Event> CHRONOLOGICAL = Comparator.comparing(Event::getLastTimestamp);

    private final int capacity;
    private final Map<String, Deque<Event>> byNamespace = new ConcurrentHashMap<>();

    public EventLog(int capacity) {
        this.capacity = capacity;
    }

    public EventLog() {
        this(DEFAULT_CAPACITY);
    }

    /** Remembers {@code event}, forgetting the oldest event of its namespace when that one is full. */
    public void add(Event event) {
        String namespace = namespaceOf(event);
        Deque<Event> events = byNamespace.computeIfAbsent(namespace, ns -> new ArrayDeque<>());
        synchronized (events) {
            events.addLast(event);
            if (events.size() > capacity) {
                events.removeFirst();
            }
        }
    }

    /**
     * The remembered events of {@code namespace} (null: of every namespace) that {@code filter}
     * accepts, oldest first.
     */
    public List<Event> list(String namespace, Predicate<Event> filter) {
        List<Event> result = new ArrayList<>();
        byNamespace.forEach((ns, events) -> {
            if (namespace == null || namespace.equals(ns)) {
                synchronized (events) {
                    events.stream().filter(filter).forEach(result::add);
                }
            }
        });
        result.sort(CHRONOLOGICAL);
        return result;
    }

    private static String namespaceOf(Event event) {
        if (event.getMetadata() != null && event.getMetadata().getNamespace() != null) {
            return event.getMetadata().getNamespace();
        }
        String namespace = event.getInvolvedObject().getNamespace();
        return namespace == null ? "default" : namespace;
    }
}

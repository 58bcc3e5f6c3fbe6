package io.korch.gateway.watch;

import io.korch.api.Event;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The open watches of events. Events come from their own time-retained log, not the change log,
 * so a watch of events follows from the moment it opens (after an ADDED of each event remembered):
 * every new event is ADDED, and a repeat that raises an aggregated event's count is MODIFIED.
 */
public final class EventWatches {

    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();

    /** Hands {@code event}, as the event log now serves it, to every watch; {@code first} when it is new. */
    public void publish(Event event, boolean first, long position) {
        if (watchers.isEmpty()) {
            return;
        }
        ObjectChange change = of(event, first ? ObjectChange.Type.ADDED : ObjectChange.Type.MODIFIED, position);
        watchers.forEach(watcher -> watcher.deliverExisting(change));
    }

    /** Subscribes {@code watcher} from now on. */
    public void subscribe(Watcher watcher) {
        watchers.add(watcher);
        watcher.onClose(() -> watchers.remove(watcher));
    }

    /** {@code event} as a watch event of {@code type}. */
    public static ObjectChange of(Event event, ObjectChange.Type type, long position) {
        String namespace = event.getMetadata().getNamespace() == null ? "default" : event.getMetadata().getNamespace();
        return new ObjectChange(position, null, namespace + "/" + event.getMetadata().getName(), type, event);
    }
}

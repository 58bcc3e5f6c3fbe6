package io.korch.gateway.watch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The most recent object changes this gateway's view applied, so that a watch resuming from a
 * recent resourceVersion is served from memory. It holds every change after
 * {@link #coveredFrom()}: the view's position when it started, or the revision of the newest
 * change it had to let go of to stay within its capacity. Older resumes read the change log.
 * Not thread-safe: {@link WatchHub} guards it.
 */
final class ChangeWindow {

    private final int capacity;
    private final Deque<ObjectChange> changes = new ArrayDeque<>();
    private long coveredFrom;

    /** A window of at most {@code capacity} changes holding every change after {@code start}. */
    ChangeWindow(int capacity, long start) {
        this.capacity = capacity;
        this.coveredFrom = start;
    }

    void add(ObjectChange change) {
        changes.addLast(change);
        if (changes.size() > capacity) {
            coveredFrom = changes.removeFirst().revision();
        }
    }

    /** The revision after which the window holds every change. */
    long coveredFrom() {
        return coveredFrom;
    }

    /** Every change after {@code revision}, in order; empty when the window does not reach back that far. */
    Optional<List<ObjectChange>> after(long revision) {
        if (revision < coveredFrom) {
            return Optional.empty();
        }
        List<ObjectChange> after = new ArrayList<>();
        var descending = changes.descendingIterator();
        while (descending.hasNext()) {
            ObjectChange change = descending.next();
            if (change.revision() <= revision) {
                break;
            }
            after.add(change);
        }
        Collections.reverse(after);
        return Optional.of(after);
    }
}

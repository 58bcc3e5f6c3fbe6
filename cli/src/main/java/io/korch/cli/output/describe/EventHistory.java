package io.korch.cli.output.describe;

import io.korch.api.Event;
import io.korch.cli.output.DescribeWriter;
import java.util.List;

/**
 * The events of the object a report is about, or why they could not be read.
 *
 * @param events the events, empty when unavailable
 * @param error  why they are unavailable, or null
 */
public record EventHistory(List<Event> events, String error) {

    /** Events that were read. */
    public static EventHistory of(List<Event> events) {
        return new EventHistory(List.copyOf(events), null);
    }

    /** Events that could not be read, and why. */
    public static EventHistory unavailable(String error) {
        return new EventHistory(List.of(), error);
    }

    void write(DescribeWriter w, DescribeContext at) {
        if (error != null) {
            Sections.eventsUnavailable(w, error);
        } else {
            Sections.events(w, events, at);
        }
    }
}

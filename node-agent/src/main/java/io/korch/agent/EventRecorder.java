package io.korch.agent;

import io.korch.agent.metrics.AgentMeters;
import io.korch.api.Event;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.topics.Topics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the agent's events about pods (Created, Started, Killing, BackOff...) to {@code korch.events}. */
final class EventRecorder {

    /** The component name events of the agent carry. */
    static final String COMPONENT = "agent";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final String nodeName;
    private final RecordPublisher publisher;
    private final Clock clock;
    private final AgentMeters meters;

    /** A recorder that also counts, in {@code meters}, the container starts its Started events tell. */
    EventRecorder(String nodeName, RecordPublisher publisher, Clock clock, AgentMeters meters) {
        this.meters = meters;
        this.nodeName = nodeName;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Records a routine happening of a pod. */
    void normal(String namespace, String pod, String uid, String reason, String message) {
        publish(namespace, pod, uid, Events.NORMAL, reason, message);
    }

    /** Records something about a pod that a user may have to act on. */
    void warning(String namespace, String pod, String uid, String reason, String message) {
        publish(namespace, pod, uid, Events.WARNING, reason, message);
    }

    private void publish(String namespace, String pod, String uid, String type, String reason, String message) {
        if (EventReasons.STARTED.equals(reason)) {
            meters.containerStarted();
        }
        Event event = Events.of(Events.ref("Pod", namespace, pod, uid), type, reason, message, COMPONENT, nodeName,
                clock.instant());
        publisher.send(Topics.EVENTS, Events.key(event), event).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("node {}: event {} of pod {}/{} not published: {}", nodeName, reason, namespace, pod,
                        error.getMessage());
            }
        });
    }
}

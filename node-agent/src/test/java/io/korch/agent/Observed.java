package io.korch.agent;

import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Test fixtures for containers as a runtime shows them: {@code Observed.of(pod, "main").running(t)}. */
final class Observed {

    static final String NODE = "node-1";

    private final String id;
    private final String namespace;
    private final String podName;
    private final String uid;
    private final String container;
    private Instant createdAt = Instant.parse("2026-01-01T00:00:00Z");
    private Long gracePeriodSeconds;

    private Observed(String id, String namespace, String podName, String uid, String container) {
        this.id = id;
        this.namespace = namespace;
        this.podName = podName;
        this.uid = uid;
        this.container = container;
    }

    /** A container of {@code pod} named {@code container}, with id {@code <uid>-<container>}. */
    static Observed of(Pod pod, String container) {
        return new Observed(pod.getMetadata().getUid() + "-" + container, pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), pod.getMetadata().getUid(), container);
    }

    Observed id(String newId) {
        Observed copy = new Observed(newId, namespace, podName, uid, container);
        copy.createdAt = createdAt;
        copy.gracePeriodSeconds = gracePeriodSeconds;
        return copy;
    }

    /** Labels it with the grace period its pod had when the agent created it. */
    Observed gracePeriodLabel(long seconds) {
        this.gracePeriodSeconds = seconds;
        return this;
    }

    Observed createdAt(Instant time) {
        this.createdAt = time;
        return this;
    }

    RuntimeContainer created() {
        return build(State.CREATED, null, null, null);
    }

    RuntimeContainer running(Instant startedAt) {
        return build(State.RUNNING, null, startedAt, null);
    }

    RuntimeContainer exited(int exitCode, Instant startedAt, Instant finishedAt) {
        return build(State.EXITED, exitCode, startedAt, finishedAt);
    }

    private RuntimeContainer build(State state, Integer exitCode, Instant startedAt, Instant finishedAt) {
        Map<String, String> labels = new HashMap<>(ContainerLabels.of(NODE, namespace, podName, uid, container));
        if (gracePeriodSeconds != null) {
            labels.put(ContainerLabels.TERMINATION_GRACE_PERIOD, gracePeriodSeconds.toString());
        }
        return new RuntimeContainer(id, ContainerLabels.containerName(NODE, namespace, podName, container),
                Pods.IMAGE, labels, state, exitCode, createdAt, startedAt, finishedAt, false, null);
    }
}

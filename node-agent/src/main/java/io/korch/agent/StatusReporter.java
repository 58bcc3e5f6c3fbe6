package io.korch.agent;

import io.korch.agent.probe.Health;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the status of every assigned pod to {@code korch.status.pods}: when it changed, and again every
 * {@link #REFRESH} so readers see the agent is alive. Removes the report of a pod this node ran once it is no
 * longer assigned and its containers are gone.
 *
 * <p>Reports are keyed {@code namespace/name/uid}: a pod's uid is bound to this node for good, so no other
 * agent writes the key, and a pod of the same name that runs on another node later has a key of its own.
 * So every key this node wrote a report under, in this run or before it ({@link OwnStatusReports}), is
 * tombstoned once its pod has left, and no other key ever is. The agent's one producer keeps the records of
 * a key in order, so a tombstone sent while a report of its key is still in flight lands after it.
 *
 * <p>Called from the reconcile loop only; the published map is also touched by producer callbacks, which
 * forget a report whose send failed so the next pass sends it again.
 */
final class StatusReporter {

    /** A report unchanged for this long is sent again. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    private final String nodeName;
    private final String runtimeName;
    private final RecordPublisher publisher;
    private final Map<String, PodStatusReport> published = new ConcurrentHashMap<>();
    /** Keys this node wrote a report under: tombstoned once neither assigned nor running here. */
    private final Set<String> written = new HashSet<>();

    /**
     * @param reportsAtStart the reports whose latest value this node wrote before it started
     *                       ({@link OwnStatusReports#read})
     */
    StatusReporter(String nodeName, String runtimeName, RecordPublisher publisher,
                   Map<String, PodStatusReport> reportsAtStart) {
        this.nodeName = nodeName;
        this.runtimeName = runtimeName;
        this.publisher = publisher;
        this.published.putAll(reportsAtStart);
        this.written.addAll(reportsAtStart.keySet());
    }

    /**
     * Reports the status of each pod in {@code desired} that changed or is due for refresh, and tombstones
     * the reports of pods that left.
     *
     * @param observed every container of this node
     * @param removing ids of containers being removed: they count for nobody's status, but a pod's report is
     *                 only tombstoned once they are gone
     */
    void report(List<Pod> desired, List<RuntimeContainer> observed, Set<String> removing,
                Map<ContainerKey, ContainerHistory> history, Instant now) {
        report(desired, observed, removing, history, Health.NONE, now);
    }

    /** As {@link #report(List, List, Set, Map, Instant)}, with readiness as the probes in {@code health} say. */
    void report(List<Pod> desired, List<RuntimeContainer> observed, Set<String> removing,
                Map<ContainerKey, ContainerHistory> history, Health health, Instant now) {
        report(desired, observed, removing, history, health, pod -> null, now);
    }

    /**
     * As {@link #report(List, List, Set, Map, Health, Instant)}, with each pod's address from {@code podIPs}
     * (null while it has none). Sandboxes are no container of their pod's status, but keep its report.
     */
    void report(List<Pod> desired, List<RuntimeContainer> observed, Set<String> removing,
                Map<ContainerKey, ContainerHistory> history, Health health, Function<Pod, String> podIPs,
                Instant now) {
        Map<String, List<RuntimeContainer>> byUid = new HashMap<>();
        Set<String> keysWithContainers = new HashSet<>();
        for (RuntimeContainer container : observed) {
            if (container.hasPodLabels()) {
                keysWithContainers.add(PodKeys.statusKey(container));
                if (!removing.contains(container.id()) && !container.isSandbox()) {
                    byUid.computeIfAbsent(container.podUid(), uid -> new ArrayList<>()).add(container);
                }
            }
        }
        Set<String> desiredKeys = new HashSet<>();
        for (Pod pod : desired) {
            String key = PodKeys.statusKey(pod);
            desiredKeys.add(key);
            PodStatusReport last = published.get(key);
            String uid = pod.getMetadata().getUid();
            PodStatus previous = last != null && uid.equals(last.getPodUid()) ? last.getStatus() : null;
            PodStatus status = PodStatuses.of(pod, byUid.getOrDefault(uid, List.of()), history, health, previous,
                    runtimeName, podIPs.apply(pod), now);
            if (previous == null || !status.equals(previous)
                    || Duration.between(last.getObservedAt(), now).compareTo(REFRESH) >= 0) {
                send(key, PodStatusReport.newBuilder()
                        .setPodUid(uid)
                        .setNodeName(nodeName)
                        .setStatus(status)
                        .setObservedAt(now)
                        .build());
            }
        }
        for (String key : new ArrayList<>(written)) {
            if (!desiredKeys.contains(key) && !keysWithContainers.contains(key)) {
                departed(key);
            }
        }
    }

    private void departed(String key) {
        written.remove(key);
        published.remove(key);
        publisher.send(Topics.POD_STATUS, key, null).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("node {}: status tombstone of {} not published: {}", nodeName, key, error.getMessage());
            }
        });
        LOG.info("node {}: pod {} left the node, status removed", nodeName, key);
    }

    private void send(String key, PodStatusReport report) {
        published.put(key, report);
        written.add(key);
        publisher.send(Topics.POD_STATUS, key, report).whenComplete((metadata, error) -> {
            if (error != null) {
                published.remove(key, report);
                LOG.warn("node {}: status of {} not published, will retry: {}", nodeName, key, error.getMessage());
            }
        });
    }
}

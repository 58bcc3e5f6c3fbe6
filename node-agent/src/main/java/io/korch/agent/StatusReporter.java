package io.korch.agent;

import io.korch.agent.LatestStatusReports.Latest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the status of every assigned pod to {@code korch.status.pods}: when it changed, and again every
 * {@link #REFRESH} so readers see the agent is alive. Removes the report of a pod this node ran once it is no
 * longer assigned and its containers are gone.
 *
 * <p>Reports are keyed {@code namespace/name/uid}: a pod's uid is bound to this node for good, so no other
 * agent writes the key, and a pod of the same name that runs on another node later has a key of its own.
 * A report is still tombstoned only while the latest record of its key is this node's report, as the
 * {@link LatestStatusReports} that follows the topic shows (so nothing this node cannot read is erased);
 * before deciding, the reporter waits until that view has read this node's own last write of the key. The
 * converse also holds: a report of a pod this node runs that someone tombstoned is sent again on the next
 * pass.
 *
 * <p>Called from the reconcile loop only; the published and written maps are also touched by producer
 * callbacks, which forget a report whose send failed so the next pass sends it again.
 */
final class StatusReporter {

    /** A report unchanged for this long is sent again. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    /** What becomes of the report of a pod that left the node. */
    enum Departure {
        /**
         * The latest record is this node's report, hence one of a pod uid this node ran (only this node
         * writes reports naming it): tombstone it.
         */
        TOMBSTONE,
        /** The latest record is another node's report or a tombstone (or there is none): leave it. */
        LEAVE,
        /** This node's last write of the key is in flight or not read back yet: decide on a later pass. */
        WAIT
    }

    /**
     * This node's writes of one key.
     *
     * @param inFlight   sends not acknowledged yet
     * @param lastOffset offset of the last acknowledged one, or -1
     */
    record Writes(int inFlight, long lastOffset) {
        static final Writes NONE = new Writes(0, -1);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    private final String nodeName;
    private final String runtimeName;
    private final RecordPublisher publisher;
    private final LatestStatusReports topic;
    private final Map<String, PodStatusReport> published = new ConcurrentHashMap<>();
    private final Map<String, Writes> writes = new ConcurrentHashMap<>();
    /** Keys this node reported or has containers for: tombstoned once neither assigned nor running here. */
    private final Set<String> owned = new HashSet<>();

    StatusReporter(String nodeName, String runtimeName, RecordPublisher publisher, LatestStatusReports topic) {
        this.nodeName = nodeName;
        this.runtimeName = runtimeName;
        this.publisher = publisher;
        this.topic = topic;
        Map<String, PodStatusReport> previousReports = topic.ownAtStart();
        this.published.putAll(previousReports);
        this.owned.addAll(previousReports.keySet());
    }

    /**
     * Reports the status of each pod in {@code desired} that changed, is due for refresh or was erased, and
     * tombstones the reports of pods that left.
     *
     * @param observed every container of this node
     * @param removing ids of containers being removed: they count for nobody's status, but a pod's report is
     *                 only tombstoned once they are gone
     */
    void report(List<Pod> desired, List<RuntimeContainer> observed, Set<String> removing,
                Map<ContainerKey, ContainerHistory> history, Instant now) {
        Map<String, List<RuntimeContainer>> byUid = new HashMap<>();
        Set<String> keysWithContainers = new HashSet<>();
        for (RuntimeContainer container : observed) {
            if (container.hasPodLabels()) {
                keysWithContainers.add(PodKeys.statusKey(container));
                if (!removing.contains(container.id())) {
                    byUid.computeIfAbsent(container.podUid(), uid -> new ArrayList<>()).add(container);
                }
            }
        }
        owned.addAll(keysWithContainers);
        Set<String> desiredKeys = new HashSet<>();
        for (Pod pod : desired) {
            String key = PodKeys.statusKey(pod);
            desiredKeys.add(key);
            owned.add(key);
            PodStatusReport last = published.get(key);
            String uid = pod.getMetadata().getUid();
            PodStatus previous = last != null && uid.equals(last.getPodUid()) ? last.getStatus() : null;
            PodStatus status = PodStatuses.of(pod, byUid.getOrDefault(uid, List.of()), history, previous,
                    runtimeName, now);
            boolean due = previous == null || !status.equals(previous)
                    || Duration.between(last.getObservedAt(), now).compareTo(REFRESH) >= 0;
            if (!due && erasedAfterOwnWrite(topic.latest(key), writes.getOrDefault(key, Writes.NONE))) {
                LOG.info("node {}: the status of {} was tombstoned by another writer, reporting it again",
                        nodeName, key);
                due = true;
            }
            if (due) {
                send(key, PodStatusReport.newBuilder()
                        .setPodUid(uid)
                        .setNodeName(nodeName)
                        .setStatus(status)
                        .setObservedAt(now)
                        .build());
            }
        }
        for (String key : new ArrayList<>(owned)) {
            if (!desiredKeys.contains(key) && !keysWithContainers.contains(key)) {
                departed(key);
            }
        }
    }

    /**
     * What to do with the report of a pod that left this node. Pure.
     *
     * @param nodeName this node
     * @param latest   the latest record of the key read from the topic, or null if none was read
     * @param own      this node's writes of the key
     */
    static Departure departure(String nodeName, Latest latest, Writes own) {
        if (own.inFlight() > 0 || (own.lastOffset() >= 0 && (latest == null || latest.offset() < own.lastOffset()))) {
            return Departure.WAIT;
        }
        return latest != null && latest.reportOf(nodeName) ? Departure.TOMBSTONE : Departure.LEAVE;
    }

    /**
     * Whether someone tombstoned the key after this node's last report of it, which nothing in flight
     * replaces. Pure.
     */
    static boolean erasedAfterOwnWrite(Latest latest, Writes own) {
        return own.inFlight() == 0 && own.lastOffset() >= 0 && latest != null && latest.tombstone()
                && latest.offset() > own.lastOffset();
    }

    private void departed(String key) {
        Departure departure = departure(nodeName, topic.latest(key), writes.getOrDefault(key, Writes.NONE));
        if (departure == Departure.WAIT) {
            return;
        }
        owned.remove(key);
        published.remove(key);
        writes.remove(key);
        topic.forget(key);
        if (departure == Departure.LEAVE) {
            LOG.info("node {}: pod {} left the node; its status is no longer this node's, left as it is",
                    nodeName, key);
            return;
        }
        publisher.send(Topics.POD_STATUS, key, null).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("node {}: status tombstone of {} not published: {}", nodeName, key, error.getMessage());
            }
        });
        LOG.info("node {}: pod {} left the node, status removed", nodeName, key);
    }

    private void send(String key, PodStatusReport report) {
        published.put(key, report);
        writes.merge(key, new Writes(1, -1), (was, one) -> new Writes(was.inFlight() + 1, was.lastOffset()));
        publisher.send(Topics.POD_STATUS, key, report).whenComplete((metadata, error) -> {
            writes.computeIfPresent(key, (k, was) -> new Writes(Math.max(0, was.inFlight() - 1),
                    error == null ? Math.max(was.lastOffset(), metadata.offset()) : was.lastOffset()));
            if (error != null) {
                published.remove(key, report);
                LOG.warn("node {}: status of {} not published, will retry: {}", nodeName, key, error.getMessage());
            }
        });
    }
}

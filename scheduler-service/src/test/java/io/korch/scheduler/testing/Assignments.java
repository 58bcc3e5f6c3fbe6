package io.korch.scheduler.testing;

import io.korch.api.Pod;
import io.korch.api.PodAssignment;
import io.korch.topics.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Reads {@code korch.pod-assignments} (one record per bound pod, keyed node/namespace/name) as each
 * node's desired set, the way an agent rebuilds it: {@link #readKeyValuesToMap} gives the set of every
 * node whose records changed since the last read.
 */
public final class Assignments {

    private final TestOutputTopic<String, PodAssignment> topic;
    private final Map<String, Map<String, Pod>> byNode = new TreeMap<>();

    public Assignments(TestOutputTopic<String, PodAssignment> topic) {
        this.topic = topic;
    }

    /** One node's desired set. */
    public record NodePods(String nodeName, List<Pod> pods) {
        public List<Pod> getPods() {
            return pods;
        }

        public String getNodeName() {
            return nodeName;
        }
    }

    /** Node name → its desired set, for every node whose records changed since the last read. */
    public Map<String, NodePods> readKeyValuesToMap() {
        Map<String, NodePods> changed = new TreeMap<>();
        for (String node : read()) {
            changed.put(node, current(node));
        }
        return changed;
    }

    /** Reads what was written since the last read; returns the nodes whose records changed, in order. */
    public List<String> read() {
        List<String> nodes = new ArrayList<>();
        for (TestRecord<String, PodAssignment> record : topic.readRecordsToList()) {
            String node = Keys.nodeOf(record.key());
            Map<String, Pod> pods = byNode.computeIfAbsent(node, n -> new TreeMap<>());
            if (record.value() == null) {
                pods.remove(Keys.podOf(record.key()));
            } else {
                pods.put(Keys.podOf(record.key()), record.value().getPod());
            }
            if (!nodes.contains(node)) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** The desired set of {@code node} as read so far. */
    public NodePods current(String node) {
        return new NodePods(node, List.copyOf(byNode.getOrDefault(node, Map.of()).values()));
    }

    /** Reads and forgets what was written since the last read. */
    public void readRecordsToList() {
        read();
    }

    /** True when nothing was written since the last read. */
    public boolean isEmpty() {
        return topic.isEmpty();
    }
}

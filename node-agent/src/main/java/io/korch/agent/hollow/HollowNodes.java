package io.korch.agent.hollow;

import io.korch.agent.HostInfo;
import io.korch.agent.RecordPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated nodes in one process, as Kubernetes' kubemark hollow nodes: to the control plane they are
 * ordinary nodes that register, heartbeat and run the pods bound to them, but no container exists.
 *
 * <p>Data flow: {@link HollowHeartbeats} writes every node's Node record to {@code korch.nodes} (registration
 * first, then one heartbeat per node per interval, spread over the interval); {@link HollowPods} reads
 * {@code korch.pod-assignments} and writes {@code korch.status.pods}: Running as soon as a pod is assigned,
 * a tombstone once it is unassigned. Everything goes through one producer ({@link RecordPublisher}) and one
 * consumer, so thousands of nodes cost a few threads and, per node, its name and uid.
 */
public final class HollowNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HollowNodes.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> nodeNames;
    private final RecordPublisher publisher;
    private final HollowHeartbeats heartbeats;
    private final HollowPods pods;

    private HollowNodes(HollowNodesConfig config, Clock clock) {
        List<String> names = new ArrayList<>(config.count());
        for (int i = 1; i <= config.count(); i++) {
            names.add(config.nodeName(i));
        }
        this.nodeNames = List.copyOf(names);
        this.publisher = new RecordPublisher(config.bootstrapServers(), "korch-hollow-nodes-" + config.prefix());
        NodeTemplate template = new NodeTemplate(config, HostInfo.current(), clock.instant());
        this.heartbeats = new HollowHeartbeats(nodeNames, template, publisher, config.heartbeatInterval(), clock);
        this.pods = new HollowPods(config.bootstrapServers(), Set.copyOf(nodeNames), publisher, clock);
    }

    /**
     * Registers the nodes, starts their heartbeats and follows their assignments; returns once the nodes
     * are in {@code korch.nodes} and the assignments present at start are reported.
     *
     * @throws IllegalStateException if Kafka cannot be reached or the korch topics do not exist
     */
    public static HollowNodes start(HollowNodesConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** {@link #start(HollowNodesConfig)} with the clock that timestamps heartbeats and reports. */
    public static HollowNodes start(HollowNodesConfig config, Clock clock) {
        HollowNodes nodes = new HollowNodes(config, clock);
        try {
            nodes.heartbeats.register(START_TIMEOUT);
            nodes.heartbeats.start();
            nodes.pods.start(START_TIMEOUT);
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
        LOG.info("{} hollow nodes registered ({} … {}), {} pods running", nodes.nodeNames.size(),
                nodes.nodeNames.get(0), nodes.nodeNames.get(nodes.nodeNames.size() - 1), nodes.pods.running());
        return nodes;
    }

    /** The names of the nodes, in order. */
    public List<String> nodeNames() {
        return nodeNames;
    }

    /** How many pods the nodes run now. */
    public int runningPods() {
        return pods.running();
    }

    /**
     * Stops the heartbeats of one node for good, as if its machine died: the cluster should declare it
     * NotReady after its grace period. Its pods stay reported as they were.
     */
    public void kill(String nodeName) {
        if (!nodeNames.contains(nodeName)) {
            throw new IllegalArgumentException("no hollow node " + nodeName);
        }
        heartbeats.stop(nodeName);
    }

    /** Stops heartbeats and reports; the nodes become NotReady after the grace period. */
    @Override
    public void close() {
        heartbeats.close();
        pods.close();
        publisher.close();
    }
}

package io.korch.scheduler;

import io.korch.api.Node;
import io.korch.api.NodeHealth;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.model.NodeViews;
import io.korch.scheduler.PodStep.Bind;
import io.korch.scheduler.PodStep.Drop;
import io.korch.scheduler.PodStep.KeepLastValid;
import io.korch.scheduler.PodStep.Refresh;
import io.korch.scheduler.PodStep.Reject;
import io.korch.scheduler.PodStep.Wait;
import io.korch.scheduler.SchedulerInput.HealthChanged;
import io.korch.scheduler.SchedulerInput.NodeChanged;
import io.korch.scheduler.SchedulerInput.NodeSpecChanged;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.framework.NodeCache;
import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds pods to nodes. Takes pod, node, node declaration and node-health changes (tagged
 * {@link SchedulerInput}s) and writes bindings (per pod), assignments (per node) and events through
 * {@link SchedulerOutputs}.
 *
 * <p>Each node keeps two records: what its agent registered ({@code korch.nodes}) and what users
 * declared about it ({@code korch.node-specs}: extra labels, cordon, deletion). When either changes,
 * {@link NodeViews#merge} of the two is what its {@link NodeInfo} holds and the filters see; an
 * empty merge means the node is gone, so it is no candidate, while the pods already bound to it stay
 * in its assignment, as for a node whose record was deleted.
 *
 * <p>Its stores hold the latest pod, node, node declaration and health records and the bindings it
 * wrote; from them
 * {@link #init} rebuilds, anew each time, the {@link NodeCache} (what each node runs and has
 * allocated) and the set of pending pods ({@link RestoredState}), so a restarted, moved or
 * re-initialised task resumes exactly where the last commit left it.
 *
 * <p>A pod goes through {@link PodStep#plan}: bound pods stay where they are, a pod naming its node
 * is bound there, others run through the {@link SchedulingPipeline}. A pod that fits nowhere gets an
 * {@code Unschedulable} binding explaining why (and a FailedScheduling event when the explanation
 * changes) and is retried every {@link #RETRY_INTERVAL}, and at once when a node changes in a way the
 * filters see or a bound pod leaves its node. A pod whose record is invalid gets an
 * {@code Unschedulable} binding ({@code invalid pod: ...}) and is not retried.
 *
 * <p><b>Compute first, then write.</b> Each step, one input record or one pending pod's retry,
 * first computes everything that can throw (the pod's requests, the decision, the placement:
 * {@link PodStep#plan}, which changes nothing) and only then changes the in-memory bookkeeping, the
 * stores and the outputs, none of which can fail on a record's content. So when a computation
 * throws, that step leaves no trace, and the steps applied before it are whole (a node change that
 * starts a retry round is applied before the round; so are the pods bound earlier in the round). A
 * pending pod whose planning throws is dropped from the retries. That is what lets
 * {@link SchedulingExceptionHandler} skip the rest of the record and commit under exactly-once
 * without half-applied state: a failure while writing is a Kafka exception, which the handler does
 * not skip, so the transaction aborts. Keep this order when changing the processor.
 */
public final class SchedulingProcessor implements Processor<String, SchedulerInput, String, SpecificRecord> {

    /** Store of the latest record of every pod, by {@code namespace/name}. */
    public static final String PODS_STORE = "scheduler-pods";
    /** Store of the binding written for every pod, by {@code namespace/name}. */
    public static final String BINDINGS_STORE = "scheduler-bindings";
    /** Store of the latest record of every node, by node name. */
    public static final String NODES_STORE = "scheduler-nodes";
    /** Store of the latest declaration of every node ({@code korch.node-specs}), by node name. */
    public static final String NODE_SPECS_STORE = "scheduler-node-specs";
    /** Store of the latest health verdict of every node, by node name. */
    public static final String NODE_HEALTH_STORE = "scheduler-node-health";
    /** Every store the processor uses. */
    public static final List<String> STORES = List.of(PODS_STORE, BINDINGS_STORE, NODES_STORE, NODE_SPECS_STORE, NODE_HEALTH_STORE);

    /** How often pending pods are tried again, in wall-clock time. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** The binding reason of a pod that fits nowhere. */
    public static final String UNSCHEDULABLE = "Unschedulable";
    /** Event reason of a successful binding. */
    public static final String SCHEDULED = "Scheduled";
    /** Event reason of a pod that fits nowhere. */
    public static final String FAILED_SCHEDULING = "FailedScheduling";
    /** Event source component. */
    public static final String COMPONENT = "scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingProcessor.class);

    private final SchedulingPipeline pipeline;
    private final Clock clock;
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, Node> nodeRecords;
    private KeyValueStore<String, Node> nodeDeclarations;
    private KeyValueStore<String, NodeHealth> healthRecords;
    private SchedulerOutputs outputs;
    /** What each node runs and has allocated; rebuilt from the stores by every {@link #init}. */
    private NodeCache nodes;
    /** Keys of pods waiting for a node, oldest first; rebuilt from the stores by every {@link #init}. */
    private Set<String> pending;
    private Cancellable retries;

    public SchedulingProcessor(SchedulingPipeline pipeline, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Gets the stores and rebuilds the in-memory state from them alone. Kafka Streams may call it
     * again on the same instance when it re-initialises the task (after {@link #close}); nothing of
     * the previous run survives, since the stores may have been rolled back since.
     */
    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.pods = context.getStateStore(PODS_STORE);
        this.bindings = context.getStateStore(BINDINGS_STORE);
        this.nodeRecords = context.getStateStore(NODES_STORE);
        this.nodeDeclarations = context.getStateStore(NODE_SPECS_STORE);
        this.healthRecords = context.getStateStore(NODE_HEALTH_STORE);
        this.outputs = new SchedulerOutputs(context, bindings, clock);
        RestoredState restored = RestoredState.fromStores(pods, bindings, nodeRecords, nodeDeclarations, healthRecords);
        this.nodes = restored.nodes();
        this.pending = restored.pending();
        this.retries = context.schedule(RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> retryPending());
    }

    @Override
    public void process(Record<String, SchedulerInput> record) {
        SchedulerInput input = record.value();
        if (input instanceof PodChanged changed) {
            onPod(record.key(), changed.pod());
        } else if (input instanceof NodeChanged changed) {
            onNode(record.key(), changed.node());
        } else if (input instanceof NodeSpecChanged changed) {
            onNodeSpec(record.key(), changed.node());
        } else if (input instanceof HealthChanged changed) {
            onHealth(record.key(), changed.health());
        }
    }

    /** Stops the retry timer; the next {@link #init} starts a new one. */
    @Override
    public void close() {
        if (retries != null) {
            retries.cancel();
            retries = null;
        }
    }

    /** The pods waiting for a node, oldest first; for tests and diagnostics. */
    Set<String> pending() {
        return Set.copyOf(pending);
    }

    /** The node bookkeeping; for tests and diagnostics. */
    NodeCache nodes() {
        return nodes;
    }

    // --- inputs ---------------------------------------------------------------------------------

    private void onPod(String key, Pod pod) {
        if (pod == null) {
            onPodDeleted(key);
            return;
        }
        PodBinding binding = bindings.get(key);
        String uid = Objects.toString(pod.getMetadata().getUid(), "");
        // a binding about an older pod of the same name (another uid) does not count for this one
        PodBinding own = binding != null && binding.getPodUid().equals(uid) ? binding : null;
        PodStep step = PodStep.plan(key, pod, own, pipeline, nodes);
        // nothing was changed before this line
        pods.put(key, pod);
        if (binding != null && own == null) {
            // a new pod took the name of an older one: the old one leaves its node first
            leaveNode(key, binding);
        }
        apply(step);
    }

    private void onPodDeleted(String key) {
        PodBinding binding = bindings.get(key);
        pods.delete(key);
        pending.remove(key);
        if (binding != null) {
            boolean freed = leaveNode(key, binding);
            outputs.unbound(key);
            if (freed) {
                retryPending();
            }
        }
    }

    /** The agent's record of a node changed (null: deleted); the node is seen anew with its declaration. */
    private void onNode(String name, Node registered) {
        boolean changed = seeNode(name, NodeViews.merge(registered, nodeDeclarations.get(name)).orElse(null));
        put(nodeRecords, name, registered);
        if (changed) {
            retryPending();
        }
    }

    /** The users' declaration of a node changed (null: deleted); the node is seen anew with its record. */
    private void onNodeSpec(String name, Node declared) {
        boolean changed = seeNode(name, NodeViews.merge(nodeRecords.get(name), declared).orElse(null));
        put(nodeDeclarations, name, declared);
        if (changed) {
            retryPending();
        }
    }

    /**
     * Gives the node's bookkeeping the node as the cluster now sees it (null: the node is gone).
     *
     * @return true when anything the filters look at changed
     */
    private boolean seeNode(String name, Node merged) {
        // setNode computes before it changes anything, so it changes all or nothing
        boolean changed = nodes.getOrCreate(name).setNode(merged);
        nodes.forgetIfUnused(name);
        return changed;
    }

    private static void put(KeyValueStore<String, Node> store, String name, Node node) {
        if (node == null) {
            store.delete(name);
        } else {
            store.put(name, node);
        }
    }

    private void onHealth(String name, NodeHealth health) {
        boolean changed = nodes.getOrCreate(name).setHealth(health);
        nodes.forgetIfUnused(name);
        if (health == null) {
            healthRecords.delete(name);
        } else {
            healthRecords.put(name, health);
        }
        if (changed) {
            retryPending();
        }
    }

    // --- steps ----------------------------------------------------------------------------------

    /**
     * Tries every pending pod once, oldest first; each binding counts for the pods after it. A pod
     * whose planning throws is dropped from the retries (it is tried again when its record changes),
     * so it cannot keep the pods behind it from being placed; the exception goes on to the handler.
     */
    private void retryPending() {
        for (String key : List.copyOf(pending)) {
            Pod pod = pods.get(key);
            if (pod == null) {
                pending.remove(key);
                continue;
            }
            PodStep step;
            try {
                step = PodStep.plan(key, pod, null, pipeline, nodes);
            } catch (RuntimeException e) {
                pending.remove(key);
                LOG.error("cannot plan pending pod {}; it is not retried until its record changes", key);
                throw e;
            }
            apply(step);
        }
    }

    /** Applies a planned step to the bookkeeping, the stores and the outputs. */
    private void apply(PodStep step) {
        if (step instanceof Bind bind) {
            pending.remove(bind.key());
            NodeInfo node = nodes.getOrCreate(bind.nodeName());
            node.add(bind.pod());
            outputs.bound(bind.pod(), node);
        } else if (step instanceof Refresh refresh) {
            pending.remove(refresh.key());
            refresh(refresh.pod(), refresh.nodeName());
        } else if (step instanceof Wait wait) {
            pending.add(wait.key());
            outputs.unschedulable(wait.key(), wait.uid(), wait.message());
        } else if (step instanceof Reject reject) {
            pending.remove(reject.key());
            outputs.unschedulable(reject.key(), reject.uid(), reject.message());
        } else if (step instanceof KeepLastValid keep) {
            LOG.warn("pod {} on {} was updated with invalid resources; its node keeps the last valid record: {}",
                    keep.key(), keep.nodeName(), keep.problem());
        } else if (step instanceof Drop drop) {
            pending.remove(drop.key());
        }
    }

    /** Keeps a bound pod on its node; the assignment is rewritten only when the record changed. */
    private void refresh(PodInfo bound, String nodeName) {
        NodeInfo node = nodes.getOrCreate(nodeName);
        PodInfo current = node.pod(bound.key());
        if (current == null || !current.pod().equals(bound.pod())) {
            node.add(bound);
            outputs.assignment(node);
        }
    }

    /**
     * Takes a pod off the node its binding names, writing the node's new assignment.
     *
     * @return true when the pod was counted on a node, so its resources are now free
     */
    private boolean leaveNode(String key, PodBinding binding) {
        if (binding.getNodeName() == null) {
            return false;
        }
        NodeInfo node = nodes.get(binding.getNodeName());
        if (node == null || node.remove(key) == null) {
            return false;
        }
        outputs.assignment(node);
        nodes.forgetIfUnused(node.name());
        return true;
    }
}

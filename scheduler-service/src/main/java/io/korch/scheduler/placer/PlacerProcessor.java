package io.korch.scheduler.placer;

import io.korch.api.BindOutcome;
import io.korch.api.BindRequest;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.scheduler.PodDecision;
import io.korch.scheduler.PodStep;
import io.korch.scheduler.PodStep.Bind;
import io.korch.scheduler.PodStep.Drop;
import io.korch.scheduler.PodStep.KeepLastValid;
import io.korch.scheduler.PodStep.Refresh;
import io.korch.scheduler.PodStep.Reject;
import io.korch.scheduler.PodStep.Wait;
import io.korch.scheduler.SchedulerInput;
import io.korch.scheduler.SchedulerInput.OutcomeArrived;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.framework.PodInfo;
import io.korch.scheduler.framework.SchedulingPipeline;
import io.korch.scheduler.metrics.SchedulingMeters;
import io.korch.scheduler.view.ClusterView;
import io.korch.topics.Keys;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placer of the namespaces on one partition: it chooses a node for each pod and asks that
 * node's binder to take it.
 *
 * <pre>
 * korch.pods, korch.owned.pods ──┐                                  ┌──▶ korch.bind-requests (node/ns/name)
 * korch.bind-outcomes ───────────┴▶ placer [pods, bindings, requests] ┼──▶ korch.bindings
 *                                        reads the ClusterView      └──▶ korch.events
 * </pre>
 *
 * <p>A pod goes through {@link PodStep#plan} against the {@link ClusterView}: a bound pod stays
 * where it is (an updated record is sent to its node again), a pod naming its node is requested
 * there, and others run through the {@link SchedulingPipeline}. A chosen node is reserved in the
 * view and requested; the pod waits in the requests store until its binder answers. Accepted: the
 * placer writes the binding and a Scheduled event. Refused (another placer took the capacity first):
 * the reservation is dropped and the pod planned again at once, not on the nodes that refused it.
 * A pod that fits nowhere gets an {@code Unschedulable} binding explaining why and is retried every
 * {@link #RETRY_INTERVAL}, and as soon as the view changes in a way that may let it fit.
 *
 * <p>A deleted pod, or one replaced by a namesake with another uid, is released from its node. Its
 * stores are all the placer needs: {@link #init} rebuilds the pending pods and re-reserves the
 * requests in flight, so a moved or restarted task resumes from its last commit. As in every korch
 * processor, each step computes what can throw before it writes a store or a record; the reservation
 * taken while planning lives in memory only and is rebuilt by {@link #init} after an abort.
 */
public final class PlacerProcessor implements Processor<String, SchedulerInput, String, SpecificRecord> {

    /** Store of the latest record of every pod, by {@code namespace/name}. */
    public static final String PODS_STORE = "placer-pods";
    /** Store of the binding written for every pod, by {@code namespace/name}. */
    public static final String BINDINGS_STORE = "placer-bindings";
    /** Store of the bind request in flight for a pod, by {@code namespace/name}. */
    public static final String REQUESTS_STORE = "placer-requests";
    /** Every store the placer uses. */
    public static final List<String> STORES = List.of(PODS_STORE, BINDINGS_STORE, REQUESTS_STORE);

    /** The binding reason of a pod that fits nowhere. */
    public static final String UNSCHEDULABLE = "Unschedulable";
    /** Event source component. */
    public static final String COMPONENT = "scheduler";

    /** How often every pending pod is tried again, in wall-clock time. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** How often the view is checked for changes that may let a pending pod fit. */
    public static final Duration VIEW_CHECK_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(PlacerProcessor.class);

    private final ClusterView view;
    private final SchedulingPipeline pipeline;
    private final Clock clock;
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, BindRequest> requests;
    private PlacerOutputs outputs;
    private String owner;
    /** Keys of pods waiting for a node, oldest first; rebuilt from the stores by every {@link #init}. */
    private Set<String> pending;
    /** Pod key → nodes whose binder refused it lately; not planned there again until the next full round. */
    private Map<String, Set<String>> refused;
    private long seenVersion;
    private Cancellable retries;
    private Cancellable viewChecks;
    private SchedulingMeters meters;

    public PlacerProcessor(ClusterView view, SchedulingPipeline pipeline, Clock clock) {
        this.view = Objects.requireNonNull(view, "view");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Gets the stores and rebuilds the in-memory state from them alone: the pending pods, and the
     * view's reservations of this task's requests in flight. Kafka Streams may call it again on the
     * same instance when it re-initialises the task; nothing of the previous run survives.
     */
    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.pods = context.getStateStore(PODS_STORE);
        this.bindings = context.getStateStore(BINDINGS_STORE);
        this.requests = context.getStateStore(REQUESTS_STORE);
        this.outputs = new PlacerOutputs(context, bindings, clock);
        this.owner = "placer-" + context.taskId();
        this.pending = new LinkedHashSet<>();
        this.refused = new HashMap<>();
        view.releaseAll(owner);
        restore();
        this.seenVersion = view.version();
        this.meters = SchedulingMeters.of(context);
        meters.follow(owner, () -> pending.size());
        this.retries = context.schedule(RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            refused.clear();
            seenVersion = view.version();
            retryPending();
        });
        this.viewChecks = context.schedule(VIEW_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            long version = view.version();
            if (version != seenVersion) {
                seenVersion = version;
                retryPending();
            }
        });
    }

    private void restore() {
        try (KeyValueIterator<String, BindRequest> all = requests.all()) {
            all.forEachRemaining(entry -> {
                try {
                    view.reserve(owner, PodInfo.of(entry.key, entry.value.getPod()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("request in flight for {} has invalid resources and is not reserved: {}", entry.key,
                            e.getMessage());
                }
            });
        }
        try (KeyValueIterator<String, Pod> all = pods.all()) {
            all.forEachRemaining(entry -> {
                if (requests.get(entry.key) == null) {
                    PodDecision decision = PodDecision.decide(entry.value, own(entry.value, bindings.get(entry.key)));
                    if (decision == PodDecision.SCHEDULE || decision == PodDecision.BIND_AS_REQUESTED) {
                        pending.add(entry.key);
                    }
                }
            });
        }
        LOG.info("placer task {} restored: {} pending pod(s), {} request(s) in flight", owner, pending.size(),
                requests.approximateNumEntries());
    }

    @Override
    public void process(Record<String, SchedulerInput> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() instanceof PodChanged changed) {
            onPod(record.key(), changed.pod());
        } else if (record.value() instanceof OutcomeArrived arrived && arrived.outcome() != null) {
            onOutcome(Keys.podOfOutcome(record.key()), arrived.outcome());
        }
    }

    /** Stops the timers; the next {@link #init} starts new ones. */
    @Override
    public void close() {
        for (Cancellable timer : new Cancellable[] {retries, viewChecks}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        retries = null;
        viewChecks = null;
        if (meters != null) {
            meters.forget(owner);
        }
    }

    /** The pods waiting for a node; for tests and diagnostics. */
    Set<String> pending() {
        return Set.copyOf(pending);
    }

    // --- inputs ---------------------------------------------------------------------------------

    private void onPod(String key, Pod pod) {
        if (pod == null) {
            onPodDeleted(key);
            return;
        }
        String uid = uid(pod);
        PodBinding binding = bindings.get(key);
        PodBinding own = own(pod, binding);
        BindRequest inFlight = requests.get(key);
        if (inFlight != null && uid.equals(uid(inFlight.getPod()))) {
            // its binder has not answered yet; an accepted answer sends the newest record
            pods.put(key, pod);
            return;
        }
        if (inFlight != null) {
            view.release(key); // an older namesake's reservation: the new pod plans without it
        }
        boolean changed = !pod.equals(pods.get(key));
        PodStep step = plan(key, pod, own);
        // nothing was written before this line
        pods.put(key, pod);
        if (inFlight != null) {
            requests.delete(key);
            outputs.release(inFlight.getPod().getSpec().getNodeName(), key);
        }
        if (binding != null && own == null && binding.getNodeName() != null) {
            outputs.release(binding.getNodeName(), key); // the older namesake leaves its node
        }
        apply(step, pod, changed);
    }

    private void onPodDeleted(String key) {
        PodBinding binding = bindings.get(key);
        BindRequest inFlight = requests.get(key);
        pods.delete(key);
        pending.remove(key);
        refused.remove(key);
        if (inFlight != null) {
            view.release(key);
            requests.delete(key);
            outputs.release(inFlight.getPod().getSpec().getNodeName(), key);
        }
        if (binding != null) {
            if (binding.getNodeName() != null) {
                outputs.release(binding.getNodeName(), key);
            }
            outputs.unbound(key);
        }
    }

    /** A binder answered; answers about a request no longer in flight (deleted, replaced) are stale. */
    private void onOutcome(String key, BindOutcome outcome) {
        BindRequest inFlight = requests.get(key);
        if (inFlight == null || !outcome.getPodUid().equals(uid(inFlight.getPod()))
                || !outcome.getNodeName().equals(inFlight.getPod().getSpec().getNodeName())) {
            return;
        }
        String node = outcome.getNodeName();
        if (outcome.getAccepted()) {
            requests.delete(key);
            refused.remove(key);
            outputs.bound(key, outcome.getPodUid(), node);
            Pod latest = pods.get(key);
            if (latest != null && !latest.equals(unbound(inFlight.getPod(), latest))) {
                refreshOn(node, key, latest); // the pod changed while its request was in flight
            }
            return;
        }
        LOG.debug("{} refused {}: {}", node, key, outcome.getReason());
        view.release(key);
        requests.delete(key);
        refused.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(node);
        pending.add(key);
        retry(key);
    }

    // --- steps ----------------------------------------------------------------------------------

    /** Plans {@code pod} against the view, reserving the node it is to be requested on. */
    private PodStep plan(String key, Pod pod, PodBinding own) {
        Set<String> excluded = refused.getOrDefault(key, Set.of());
        return meters.attempt(() -> view.planAndReserve(owner,
                nodes -> PodStep.plan(key, pod, own, pipeline, nodes, excluded),
                step -> step instanceof Bind bind ? bind.pod() : null));
    }

    /** Tries every pending pod once, oldest first; a pod whose planning throws leaves the retries. */
    private void retryPending() {
        for (String key : List.copyOf(pending)) {
            try {
                retry(key);
            } catch (RuntimeException e) {
                pending.remove(key);
                LOG.error("cannot plan pending pod {}; it is not retried until its record changes", key);
                throw e;
            }
        }
    }

    private void retry(String key) {
        Pod pod = pods.get(key);
        if (pod == null || requests.get(key) != null) {
            pending.remove(key);
            return;
        }
        apply(plan(key, pod, null), pod, false);
    }

    /** Applies a planned step to the stores and the outputs. */
    private void apply(PodStep step, Pod pod, boolean changed) {
        if (step instanceof Bind bind) {
            pending.remove(bind.key());
            boolean requestedByPod = isNamed(pod);
            requests.put(bind.key(), outputs.request(bind.pod(), requestedByPod));
        } else if (step instanceof Refresh refresh) {
            pending.remove(refresh.key());
            if (changed) {
                outputs.request(refresh.pod(), false);
            }
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

    private void refreshOn(String node, String key, Pod latest) {
        try {
            outputs.request(PodInfo.of(key, latest).boundTo(node), false);
        } catch (IllegalArgumentException e) {
            LOG.warn("pod {} on {} was updated with invalid resources; its node keeps the last valid record: {}",
                    key, node, e.getMessage());
        }
    }

    private static boolean isNamed(Pod pod) {
        String named = pod.getSpec().getNodeName();
        return named != null && !named.isBlank();
    }

    /** {@code requested} with the {@code spec.nodeName} of {@code latest}: what the pod was before it was requested. */
    private static Pod unbound(Pod requested, Pod latest) {
        Pod copy = Pod.newBuilder(requested).build();
        copy.getSpec().setNodeName(latest.getSpec().getNodeName());
        return copy;
    }

    private static PodBinding own(Pod pod, PodBinding binding) {
        return binding != null && binding.getPodUid().equals(uid(pod)) ? binding : null;
    }

    private static String uid(Pod pod) {
        return Objects.toString(pod.getMetadata().getUid(), "");
    }
}

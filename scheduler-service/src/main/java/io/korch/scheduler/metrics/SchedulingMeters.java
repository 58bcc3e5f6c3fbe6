package io.korch.scheduler.metrics;

import io.korch.prometheus.ServiceMeters;
import io.korch.scheduler.PodStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The scheduler's meters, in the registry of the scheduler instance, after
 * kube-scheduler's: {@code korch_scheduler_schedule_attempts_total{result}} and the histogram
 * {@code korch_scheduler_scheduling_attempt_duration_seconds{result}}, result {@code scheduled} (a
 * node was chosen and is asked to bind the pod), {@code unschedulable} (no node fits, or the pod
 * can never be placed) or {@code error} (planning threw); and the gauge
 * {@code korch_scheduler_pending_pods}, the pods that wait for a node on this instance's tasks.
 *
 * <p>An attempt is one planning of a pod that needs a node; a bound pod kept where it is
 * (refreshed, or an update that cannot be read) or a dropped one is no attempt.
 */
public final class SchedulingMeters {

    /** The configuration entry that holds the scheduler instance's meters; its processors find them there. */
    public static final String CONFIG = "korch.scheduler.meters";
    /** Measures nothing: for a scheduler without meters in its configuration (topology tests). */
    private static final SchedulingMeters NONE = new SchedulingMeters(null);

    private final MeterRegistry registry;
    private final Map<String, IntSupplier> pendingByTask = new ConcurrentHashMap<>();

    /** The meters of one scheduler instance, in {@code registry}. */
    public SchedulingMeters(MeterRegistry registry) {
        this.registry = registry;
        if (registry != null) {
            Gauge.builder("korch.scheduler.pending.pods", this, SchedulingMeters::pending)
                    .description("Pods waiting for a node on this scheduler instance's tasks")
                    .register(registry);
        }
    }

    /** Puts these meters into the scheduler's streams configuration {@code props} and returns them. */
    public Properties addTo(Properties props) {
        props.put(CONFIG, this);
        return props;
    }

    /** The meters of the scheduler instance {@code context} belongs to; call it in {@code init}, as it copies the configuration. */
    public static SchedulingMeters of(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(CONFIG) instanceof SchedulingMeters meters ? meters : NONE;
    }

    /** Runs {@code planning}, one scheduling attempt, and counts and times it by its result; steps that are no attempt pass uncounted. */
    public PodStep attempt(Supplier<PodStep> planning) {
        if (registry == null) {
            return planning.get();
        }
        long start = System.nanoTime();
        PodStep step;
        try {
            step = planning.get();
        } catch (RuntimeException e) {
            record("error", start);
            throw e;
        }
        String result = resultOf(step);
        if (result != null) {
            record(result, start);
        }
        return step;
    }

    /** Counts the pods {@code pending} gives as waiting on task {@code task}, until {@link #forget}. */
    public void follow(String task, IntSupplier pending) {
        pendingByTask.put(task, pending);
    }

    /** Stops counting the pending pods of {@code task}: it closed, or moved to another instance. */
    public void forget(String task) {
        pendingByTask.remove(task);
    }

    /** {@code scheduled}, {@code unschedulable}, or null when {@code step} is no scheduling attempt. */
    static String resultOf(PodStep step) {
        if (step instanceof PodStep.Bind) {
            return "scheduled";
        }
        if (step instanceof PodStep.Wait || step instanceof PodStep.Reject) {
            return "unschedulable";
        }
        return null;
    }

    private void record(String result, long start) {
        Counter.builder("korch.scheduler.schedule.attempts")
                .description("Scheduling attempts, by result: scheduled, unschedulable or error")
                .tag("result", result)
                .register(registry)
                .increment();
        Timer.builder("korch.scheduler.scheduling.attempt.duration")
                .description("How long a scheduling attempt takes, filtering and scoring the nodes, by result")
                .tag("result", result)
                .serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private double pending() {
        return pendingByTask.values().stream().mapToInt(IntSupplier::getAsInt).sum();
    }
}

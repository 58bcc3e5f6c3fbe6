package io.korch.controllers.metrics;

import io.korch.prometheus.ServiceMeters;
import io.korch.streams.StreamsMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Counts and times the reconcile steps of the controllers, per controller:
 * {@code korch_controller_reconcile_total{controller,result}} (result {@code success}, or
 * {@code error} when planning throws) and the histogram {@code korch_controller_reconcile_duration_seconds{controller}},
 * in the meter registry of the controllers instance that runs them ({@link StreamsMeters}).
 *
 * <p>A reconcile step is what one processor plans for one record or one punctuation
 * ({@link io.korch.controllers.Effects#plan}); its duration is the planning, reading the stores and
 * running the pure reconcile, not the writing and forwarding after it. The controller is named by
 * the package of the code that plans it ({@code io.korch.controllers.deployment} is
 * {@code deployment}, {@code nodelifecycle} is {@code node-lifecycle}), so a new controller is
 * measured as soon as it plans through {@code Effects}.
 */
public final class ReconcileMeters {

    private static final String PACKAGE_PREFIX = "io.korch.controllers.";
    private static final Map<String, String> CONTROLLER_NAMES = Map.of("nodelifecycle", "node-lifecycle");
    /** The meters of each processor context, found once per context: reading its configuration copies it. */
    private static final Map<ProcessorContext<?, ?>, ReconcileMeters> BY_CONTEXT =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final ReconcileMeters NONE = new ReconcileMeters(null);

    private final MeterRegistry registry;
    private final Map<String, Meters> byController = new ConcurrentHashMap<>();

    private record Meters(Counter successes, Counter errors, Timer duration) {
    }

    private ReconcileMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of the application {@code context} belongs to; they measure nothing when it has no registry. */
    public static ReconcileMeters of(ProcessorContext<?, ?> context) {
        return BY_CONTEXT.computeIfAbsent(context, c -> {
            MeterRegistry registry = StreamsMeters.registryOf(c);
            return registry == null ? NONE : new ReconcileMeters(registry);
        });
    }

    /**
     * Runs {@code planner} as one reconcile step of the controller that {@code planner} belongs to,
     * counting it as a success, or as an error when it throws, and timing it.
     */
    public <T> T measure(Supplier<T> planner) {
        if (registry == null) {
            return planner.get();
        }
        Meters meters = byController.computeIfAbsent(controllerOf(planner.getClass()), this::meters);
        long start = System.nanoTime();
        try {
            T result = planner.get();
            meters.successes().increment();
            return result;
        } catch (RuntimeException e) {
            meters.errors().increment();
            throw e;
        } finally {
            meters.duration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The controller whose package {@code planner} is in: {@code deployment}, {@code node-lifecycle}, ... */
    static String controllerOf(Class<?> planner) {
        String name = planner.getPackageName();
        String controller = name.startsWith(PACKAGE_PREFIX) ? name.substring(PACKAGE_PREFIX.length()) : name;
        int dot = controller.indexOf('.');
        controller = dot < 0 ? controller : controller.substring(0, dot);
        return CONTROLLER_NAMES.getOrDefault(controller, controller);
    }

    private Meters meters(String controller) {
        return new Meters(
                reconciles(controller, "success"),
                reconciles(controller, "error"),
                Timer.builder("korch.controller.reconcile.duration")
                        .description("How long a controller's reconcile step takes to plan")
                        .tag("controller", controller)
                        .serviceLevelObjectives(ServiceMeters.LATENCY_BUCKETS)
                        .register(registry));
    }

    private Counter reconciles(String controller, String result) {
        return Counter.builder("korch.controller.reconcile")
                .description("Reconcile steps of a controller, by result: success, or error (the step is skipped)")
                .tag("controller", controller)
                .tag("result", result)
                .register(registry);
    }
}

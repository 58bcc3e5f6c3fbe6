package io.korch.controllers.autoscaler;

import io.korch.api.AutoscalerHistory;
import io.korch.api.Container;
import io.korch.api.ContainerUsage;
import io.korch.api.Event;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.api.PodUsage;
import io.korch.model.Events;
import io.korch.model.Quantity;
import io.korch.model.Selector;
import io.korch.serde.AvroSerde;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaler controller's one processor. Records of its inputs only update its stores (the
 * latest usage sample of a pod wins by timestamp); every sync period a wall-clock punctuation
 * syncs each autoscaler of the task: it reads the target's scale through the {@link ScaleClient},
 * gathers the pods of its selector, plans the step with
 * {@link AutoscalerReconciler}, sets the scale through the {@link ScaleClient} when the plan says
 * so (a short, bounded call), and records the status when it changed, the history and the events.
 *
 * <p>The calls to the API are the one effect outside Kafka; setting the scale is idempotent (the same replica
 * count), so a sync replayed after a failure sets the same scale again. A failed call leaves
 * AbleToScale False (FailedUpdateScale) and is tried again next period.
 */
final class AutoscalerProcessor implements Processor<String, Object, String, SpecificRecord> {

    static final Serde<AutoscalerHistory> HISTORY_SERDE = AvroSerde.of(AutoscalerHistory.class);
    private static final Logger LOG = LoggerFactory.getLogger(AutoscalerProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final AutoscalerConfig config;
    private final ScaleClient scales;
    private final AutoscalerReconciler reconciler;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, HorizontalPodAutoscaler> hpas;
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodStatusReport> reports;
    private KeyValueStore<String, PodUsage> usage;
    private KeyValueStore<String, HorizontalPodAutoscalerStatus> statuses;
    private KeyValueStore<String, AutoscalerHistory> histories;

    AutoscalerProcessor(AutoscalerConfig config, ScaleClient scales) {
        this.config = config;
        this.scales = scales;
        this.reconciler = new AutoscalerReconciler(config.tolerance(),
                (int) config.scaleDownStabilization().toSeconds());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        hpas = context.getStateStore(AutoscalerController.HPAS_STORE);
        pods = context.getStateStore(AutoscalerController.PODS_STORE);
        reports = context.getStateStore(AutoscalerController.REPORTS_STORE);
        usage = context.getStateStore(AutoscalerController.USAGE_STORE);
        statuses = context.getStateStore(AutoscalerController.STATUS_STORE);
        histories = context.getStateStore(AutoscalerController.HISTORY_STORE);
        context.schedule(config.syncPeriod(), PunctuationType.WALL_CLOCK_TIME, this::syncAll);
    }

    @Override
    public void process(Record<String, Object> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        String key = record.key();
        Object value = record.value();
        if (topic.equals(Topics.HORIZONTAL_POD_AUTOSCALERS.name())) {
            keep(hpas, key, (HorizontalPodAutoscaler) value);
            if (value == null) {
                histories.delete(key);
                if (statuses.delete(key) != null) {
                    context.forward(new Record<>(key, null, record.timestamp()), AutoscalerController.STATUS_SINK);
                }
            }
        } else if (topic.equals(Topics.OWNED_PODS.name())) {
            keep(pods, key, (Pod) value);
        } else if (topic.equals(Topics.POD_STATUS.name())) {
            keep(reports, key, (PodStatusReport) value);
        } else if (topic.equals(Topics.POD_METRICS.name())) {
            PodUsage sample = (PodUsage) value;
            PodUsage latest = usage.get(key);
            if (sample == null || latest == null || !sample.getTimestamp().isBefore(latest.getTimestamp())) {
                keep(usage, key, sample);
            }
        }
    }

    private static <V> void keep(KeyValueStore<String, V> store, String key, V value) {
        if (value == null) {
            store.delete(key);
        } else {
            store.put(key, value);
        }
    }

    private void syncAll(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, HorizontalPodAutoscaler> all = hpas.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        for (String key : keys) {
            HorizontalPodAutoscaler hpa = hpas.get(key);
            AutoscalerReconciler.Plan plan;
            try {
                plan = reconciler.plan(hpa, target(hpa), histories.get(key), statuses.get(key), now);
            } catch (RuntimeException e) {
                LOG.warn("autoscaler {} not synced: {}", key, e.toString());
                continue;
            }
            AutoscalerReconciler.Outcome outcome = plan.rescale() ? rescale(hpa, plan) : plan.unchanged();
            record(key, outcome, now);
        }
    }

    private AutoscalerReconciler.Outcome rescale(HorizontalPodAutoscaler hpa, AutoscalerReconciler.Plan plan) {
        try {
            scales.scale(hpa.getMetadata().getNamespace(), hpa.getSpec().getScaleTargetRef(), plan.desiredReplicas());
            return plan.rescaled();
        } catch (ScaleClient.ScaleException e) {
            return plan.failed(e.getMessage());
        }
    }

    private void record(String key, AutoscalerReconciler.Outcome outcome, Instant now) {
        if (!same(statuses.get(key), outcome.status())) {
            statuses.put(key, outcome.status());
            context.forward(new Record<>(key, outcome.status(), now.toEpochMilli()), AutoscalerController.STATUS_SINK);
        }
        histories.put(key, outcome.history());
        for (Event event : outcome.events()) {
            context.forward(new Record<>(Events.key(event), event, now.toEpochMilli()), AutoscalerController.EVENTS_SINK);
        }
    }

    /** Whether two statuses are equal, compared by their encoding (Avro's equals cannot compare timestamps in lists). */
    private static boolean same(HorizontalPodAutoscalerStatus a, HorizontalPodAutoscalerStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        var serializer = Topics.HPA_STATUS.valueSerde().serializer();
        return Arrays.equals(serializer.serialize(Topics.HPA_STATUS.name(), a),
                serializer.serialize(Topics.HPA_STATUS.name(), b));
    }

    /**
     * The autoscaler's target: its replicas and selector read through the API's scale subresource,
     * as Kubernetes' autoscaler reads them (any kind with one, whoever writes it), and the pods of
     * that selector as the stores hold them.
     */
    private AutoscalerReconciler.Target target(HorizontalPodAutoscaler hpa) {
        String namespace = hpa.getMetadata().getNamespace();
        ScaleClient.Scale scale;
        try {
            scale = scales.get(namespace, hpa.getSpec().getScaleTargetRef());
        } catch (ScaleClient.ScaleException e) {
            return AutoscalerReconciler.Target.missing(e.getMessage());
        }
        Selector selector = Selector.parse(scale.selector());
        List<ObservedPod> observed = new ArrayList<>();
        try (KeyValueIterator<String, Pod> found = pods.prefixScan(namespace + "/", KEYS)) {
            found.forEachRemaining(entry -> {
                if (selector.matches(entry.value.getMetadata().getLabels())) {
                    observed.add(observe(entry.key, entry.value));
                }
            });
        }
        return new AutoscalerReconciler.Target(null, scale.replicas(), observed);
    }

    private ObservedPod observe(String key, Pod pod) {
        PodStatusReport report = reports.get(Keys.podStatus(key, pod.getMetadata().getUid()));
        PodStatus status = report == null ? null : report.getStatus();
        PodCondition ready = status == null ? null : status.getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        List<ObservedPod.ContainerRequests> requests = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            Map<String, Long> millis = new HashMap<>();
            Map<String, String> asked = container.getResources() == null ? Map.of()
                    : container.getResources().getRequests();
            if (asked.containsKey("cpu")) {
                millis.put("cpu", Quantity.parseMillis(asked.get("cpu")));
            }
            if (asked.containsKey("memory")) {
                millis.put("memory", Quantity.parseBytes(asked.get("memory")) * 1000);
            }
            requests.add(new ObservedPod.ContainerRequests(container.getName(), millis));
        }
        PodUsage sample = usage.get(key);
        ObservedPod.Usage used = null;
        if (sample != null && (sample.getUid() == null || sample.getUid().equals(pod.getMetadata().getUid()))) {
            long cpuNanos = sample.getContainers().stream().mapToLong(ContainerUsage::getCpuNanoCores).sum();
            long memory = sample.getContainers().stream().mapToLong(ContainerUsage::getMemoryBytes).sum();
            used = new ObservedPod.Usage(sample.getTimestamp(), Duration.ofMillis(sample.getWindowMillis()),
                    Map.of("cpu", cpuNanos / 1_000_000, "memory", memory * 1000));
        }
        return new ObservedPod(pod.getMetadata().getName(), status == null ? null : status.getPhase(),
                pod.getMetadata().getDeletionTimestamp() != null, status == null ? null : status.getStartTime(),
                ready == null ? null : "True".equals(ready.getStatus()),
                ready == null ? null : ready.getLastTransitionTime(), requests, used);
    }
}

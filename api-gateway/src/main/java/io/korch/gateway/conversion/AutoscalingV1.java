package io.korch.gateway.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.HorizontalPodAutoscalerBehavior;
import io.korch.api.HorizontalPodAutoscalerCondition;
import io.korch.api.HorizontalPodAutoscalerSpec;
import io.korch.api.HorizontalPodAutoscalerStatus;
import io.korch.api.MetricSpec;
import io.korch.api.MetricStatus;
import io.korch.api.MetricTarget;
import io.korch.api.MetricValueStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.ResourceMetricSource;
import io.korch.api.ResourceMetricStatus;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import io.korch.model.AutoscalerDefaults;
import io.korch.printing.Printers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts HorizontalPodAutoscalers between autoscaling/v2, the version korch stores, and
 * autoscaling/v1, as kube-apiserver converts them: v1's {@code targetCPUUtilizationPercentage} is
 * the first cpu Resource metric's Utilization target, {@code currentCPUUtilizationPercentage} the
 * cpu utilization of the status; what v1 cannot say travels in annotations, each written only when
 * there is something to keep:
 *
 * <ul>
 *   <li>{@value #METRICS}: the metrics other than a cpu utilization target, in the older
 *       {@code targetAverageUtilization}/{@code targetAverageValue} shape;</li>
 *   <li>{@value #CURRENT_METRICS}: every current metric, {@code currentAverageUtilization} and
 *       {@code currentAverageValue};</li>
 *   <li>{@value #CONDITIONS}: the status conditions;</li>
 *   <li>{@value #BEHAVIOR}: {@code spec.behavior}, with Go's field names ({@code ScaleUp},
 *       {@code StabilizationWindowSeconds}...), as Kubernetes writes it.</li>
 * </ul>
 *
 * A v1 object without a cpu target nor other metrics is given Kubernetes' default, cpu at 80 %.
 * The annotations are taken off the object a v1 one converts to, and written afresh on every
 * conversion to v1, so a v1 read-modify-write keeps all of a v2 object. Both directions are pure.
 */
public final class AutoscalingV1 {

    public static final String API_VERSION = "autoscaling/v1";
    public static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
    public static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
    public static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    public static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";
    private static final List<String> ROUND_TRIP = List.of(METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR);
    private static final String CPU = "cpu";

    /** HorizontalPodAutoscalers served at autoscaling/v1, printed with the same columns as v2. */
    public static final ServedVersion<HorizontalPodAutoscaler, io.korch.api.autoscaling.v1.HorizontalPodAutoscaler> SERVED =
            new ServedVersion<>(API_VERSION, HorizontalPodAutoscaler.class,
                    io.korch.api.autoscaling.v1.HorizontalPodAutoscaler.class, AutoscalingV1::toV1, AutoscalingV1::fromV1,
                    new ConvertedPrinter<>(io.korch.api.autoscaling.v1.HorizontalPodAutoscaler.class,
                            Printers.HORIZONTAL_POD_AUTOSCALERS, AutoscalingV1::fromV1));

    private AutoscalingV1() {
    }

    /** {@code hpa} as autoscaling/v1 serves it. */
    public static io.korch.api.autoscaling.v1.HorizontalPodAutoscaler toV1(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        Map<String, String> annotations = withoutRoundTrip(hpa.getMetadata().getAnnotations());
        Integer targetCpu = null;
        for (MetricSpec metric : spec.getMetrics()) {
            if (isCpu(metric.getType(), metric.getResource() == null ? null : metric.getResource().getName())) {
                targetCpu = metric.getResource().getTarget().getAverageUtilization();
                break;
            }
        }
        ArrayNode others = ApiJson.MAPPER.createArrayNode();
        for (MetricSpec metric : spec.getMetrics()) {
            if (!isCpuUtilization(metric)) {
                others.add(olderMetric(metric));
            }
        }
        if (!others.isEmpty()) {
            annotations.put(METRICS, others.toString());
        }
        if (spec.getBehavior() != null) {
            annotations.put(BEHAVIOR, renamed(ApiJson.write(spec.getBehavior()), AutoscalingV1::capitalized).toString());
        }
        io.korch.api.autoscaling.v1.HorizontalPodAutoscalerStatus status = null;
        HorizontalPodAutoscalerStatus current = hpa.getStatus();
        if (current != null) {
            Integer currentCpu = null;
            ArrayNode metrics = ApiJson.MAPPER.createArrayNode();
            for (MetricStatus metric : current.getCurrentMetrics()) {
                ResourceMetricStatus resource = metric.getResource();
                if (isCpu(metric.getType(), resource == null ? null : resource.getName())
                        && resource.getCurrent().getAverageUtilization() != null) {
                    currentCpu = resource.getCurrent().getAverageUtilization();
                }
                metrics.add(olderStatus(metric));
            }
            if (!metrics.isEmpty()) {
                annotations.put(CURRENT_METRICS, metrics.toString());
            }
            if (!current.getConditions().isEmpty()) {
                ArrayNode conditions = ApiJson.MAPPER.createArrayNode();
                current.getConditions().forEach(condition -> conditions.add(ApiJson.write(condition)));
                annotations.put(CONDITIONS, conditions.toString());
            }
            status = io.korch.api.autoscaling.v1.HorizontalPodAutoscalerStatus.newBuilder()
                    .setObservedGeneration(current.getObservedGeneration())
                    .setLastScaleTime(current.getLastScaleTime())
                    .setCurrentReplicas(current.getCurrentReplicas())
                    .setDesiredReplicas(current.getDesiredReplicas())
                    .setCurrentCPUUtilizationPercentage(currentCpu)
                    .build();
        }
        return io.korch.api.autoscaling.v1.HorizontalPodAutoscaler.newBuilder()
                .setMetadata(ObjectMeta.newBuilder(hpa.getMetadata()).setAnnotations(annotations).build())
                .setSpec(io.korch.api.autoscaling.v1.HorizontalPodAutoscalerSpec.newBuilder()
                        .setScaleTargetRef(spec.getScaleTargetRef())
                        .setMinReplicas(spec.getMinReplicas())
                        .setMaxReplicas(spec.getMaxReplicas())
                        .setTargetCPUUtilizationPercentage(targetCpu)
                        .build())
                .setStatus(status)
                .build();
    }

    /**
     * The autoscaling/v2 object of a v1 {@code hpa}, with what its annotations keep.
     *
     * @throws FieldException naming the annotation when one does not hold what it should
     */
    public static HorizontalPodAutoscaler fromV1(io.korch.api.autoscaling.v1.HorizontalPodAutoscaler hpa) {
        Map<String, String> given = hpa.getMetadata().getAnnotations();
        io.korch.api.autoscaling.v1.HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        List<MetricSpec> metrics = new ArrayList<>();
        for (JsonNode metric : annotation(given, METRICS)) {
            metrics.add(newerMetric(metric));
        }
        if (spec.getTargetCPUUtilizationPercentage() != null) {
            metrics.add(AutoscalerDefaults.cpuUtilization(spec.getTargetCPUUtilizationPercentage()));
        }
        if (metrics.isEmpty()) {
            metrics.add(AutoscalerDefaults.cpuUtilization(AutoscalerDefaults.DEFAULT_CPU_UTILIZATION));
        }
        JsonNode behavior = annotation(given, BEHAVIOR);
        HorizontalPodAutoscalerSpec.Builder newer = HorizontalPodAutoscalerSpec.newBuilder()
                .setScaleTargetRef(spec.getScaleTargetRef())
                .setMinReplicas(spec.getMinReplicas())
                .setMaxReplicas(spec.getMaxReplicas())
                .setMetrics(metrics)
                .setBehavior(behavior.isMissingNode() ? null
                        : read(renamed(behavior, AutoscalingV1::decapitalized), HorizontalPodAutoscalerBehavior.class,
                        BEHAVIOR));
        return HorizontalPodAutoscaler.newBuilder()
                .setMetadata(ObjectMeta.newBuilder(hpa.getMetadata()).setAnnotations(withoutRoundTrip(given)).build())
                .setSpec(newer.build())
                .setStatus(newerStatus(hpa.getStatus(), given))
                .build();
    }

    /** The v2 status of a v1 one, the current metrics and conditions of the annotations taking precedence; null for none. */
    private static HorizontalPodAutoscalerStatus newerStatus(io.korch.api.autoscaling.v1.HorizontalPodAutoscalerStatus status,
                                                             Map<String, String> annotations) {
        JsonNode currentMetrics = annotation(annotations, CURRENT_METRICS);
        JsonNode conditions = annotation(annotations, CONDITIONS);
        if (status == null && currentMetrics.isMissingNode() && conditions.isMissingNode()) {
            return null;
        }
        HorizontalPodAutoscalerStatus.Builder newer = HorizontalPodAutoscalerStatus.newBuilder();
        List<MetricStatus> metrics = new ArrayList<>();
        if (status != null) {
            newer.setObservedGeneration(status.getObservedGeneration()).setLastScaleTime(status.getLastScaleTime())
                    .setCurrentReplicas(status.getCurrentReplicas()).setDesiredReplicas(status.getDesiredReplicas());
            if (status.getCurrentCPUUtilizationPercentage() != null) {
                metrics.add(resourceStatus(CPU, MetricValueStatus.newBuilder()
                        .setAverageUtilization(status.getCurrentCPUUtilizationPercentage()).build()));
            }
        }
        if (!currentMetrics.isMissingNode()) {
            metrics = new ArrayList<>();
            for (JsonNode metric : currentMetrics) {
                JsonNode resource = metric.path("resource");
                metrics.add(resource.isObject() ? resourceStatus(resource.path("name").asText(), MetricValueStatus.newBuilder()
                                .setAverageUtilization(resource.has("currentAverageUtilization")
                                        ? resource.path("currentAverageUtilization").asInt() : null)
                                .setAverageValue(resource.has("currentAverageValue")
                                        ? resource.path("currentAverageValue").asText() : null)
                                .build())
                        : MetricStatus.newBuilder().setType(metric.path("type").asText()).build());
            }
        }
        List<HorizontalPodAutoscalerCondition> newerConditions = new ArrayList<>();
        for (JsonNode condition : conditions) {
            newerConditions.add(read(condition, HorizontalPodAutoscalerCondition.class, CONDITIONS));
        }
        return newer.setCurrentMetrics(metrics).setConditions(newerConditions).build();
    }

    private static MetricStatus resourceStatus(String name, MetricValueStatus current) {
        return MetricStatus.newBuilder().setType(AutoscalerDefaults.RESOURCE)
                .setResource(ResourceMetricStatus.newBuilder().setName(name).setCurrent(current).build()).build();
    }

    /** A v2 metric in the older shape of the annotation: a Resource metric's target flattened into its source. */
    private static JsonNode olderMetric(MetricSpec metric) {
        ObjectNode older = ApiJson.write(metric);
        ResourceMetricSource resource = metric.getResource();
        if (resource != null) {
            ObjectNode source = older.putObject("resource").put("name", resource.getName());
            MetricTarget target = resource.getTarget();
            if (AutoscalerDefaults.UTILIZATION.equals(target.getType()) && target.getAverageUtilization() != null) {
                source.put("targetAverageUtilization", target.getAverageUtilization());
            } else if (target.getAverageValue() != null) {
                source.put("targetAverageValue", target.getAverageValue());
            }
        }
        return older;
    }

    /**
     * A metric of the annotation as v2 has it. A Resource metric's target is an AverageValue when
     * it gives one, else a Utilization; the other sources are kept as given, for validation to refuse.
     */
    private static MetricSpec newerMetric(JsonNode metric) {
        JsonNode resource = metric.path("resource");
        if (!resource.isObject()) {
            return read(metric, MetricSpec.class, METRICS);
        }
        MetricTarget.Builder target = MetricTarget.newBuilder();
        if (resource.hasNonNull("targetAverageValue")) {
            target.setType(AutoscalerDefaults.AVERAGE_VALUE).setAverageValue(resource.path("targetAverageValue").asText());
        } else {
            target.setType(AutoscalerDefaults.UTILIZATION).setAverageUtilization(
                    resource.hasNonNull("targetAverageUtilization") ? resource.path("targetAverageUtilization").asInt() : null);
        }
        return MetricSpec.newBuilder().setType(metric.path("type").asText(AutoscalerDefaults.RESOURCE))
                .setResource(ResourceMetricSource.newBuilder().setName(resource.path("name").asText())
                        .setTarget(target.build()).build())
                .build();
    }

    /** A current metric in the older shape of the annotation. */
    private static JsonNode olderStatus(MetricStatus metric) {
        ObjectNode older = ApiJson.MAPPER.createObjectNode().put("type", metric.getType());
        ResourceMetricStatus resource = metric.getResource();
        if (resource != null) {
            ObjectNode source = older.putObject("resource").put("name", resource.getName());
            MetricValueStatus current = resource.getCurrent();
            if (current.getAverageUtilization() != null) {
                source.put("currentAverageUtilization", current.getAverageUtilization());
            }
            source.put("currentAverageValue", current.getAverageValue() == null ? "0" : current.getAverageValue());
        }
        return older;
    }

    private static boolean isCpu(String type, String resourceName) {
        return AutoscalerDefaults.RESOURCE.equals(type) && CPU.equals(resourceName);
    }

    private static boolean isCpuUtilization(MetricSpec metric) {
        return isCpu(metric.getType(), metric.getResource() == null ? null : metric.getResource().getName())
                && metric.getResource().getTarget().getAverageUtilization() != null;
    }

    private static Map<String, String> withoutRoundTrip(Map<String, String> annotations) {
        Map<String, String> kept = new LinkedHashMap<>(annotations == null ? Map.of() : annotations);
        ROUND_TRIP.forEach(kept::remove);
        return kept;
    }

    /** The JSON an annotation holds; missing when it is absent. */
    private static JsonNode annotation(Map<String, String> annotations, String name) {
        String text = annotations == null ? null : annotations.get(name);
        if (text == null) {
            return ApiJson.MAPPER.missingNode();
        }
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FieldException(field(name), "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T read(JsonNode json, Class<T> type, String name) {
        try {
            return ApiJson.read(json, type);
        } catch (FieldException e) {
            throw new FieldException(field(name), e.field() + ": " + e.reason());
        }
    }

    private static String field(String annotation) {
        return "metadata.annotations[" + annotation + "]";
    }

    /** {@code json} with every object key renamed by {@code rename}, deeply. */
    private static JsonNode renamed(JsonNode json, Function<String, String> rename) {
        if (json.isArray()) {
            ArrayNode array = ApiJson.MAPPER.createArrayNode();
            json.forEach(element -> array.add(renamed(element, rename)));
            return array;
        }
        if (!json.isObject()) {
            return json;
        }
        ObjectNode object = ApiJson.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNull()) {
                object.set(rename.apply(field.getKey()), renamed(field.getValue(), rename));
            }
        }
        return object;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String decapitalized(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

package io.korch.controllers.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' replica calculator for a Resource metric: from the usage and requests of a
 * target's pods, the replica count that brings their average use to the target. Pure and
 * deterministic: {@code now} is given.
 *
 * <p>Pods being deleted and failed pods are ignored. Pending pods, and for cpu pods not yet ready
 * (or still starting and sampled before a window had passed since they turned ready), are
 * <em>unready</em>: left out, and counted at 0 % when the others call for a scale-up. Running
 * pods without a sample are <em>missing</em>: counted at 100 % of request (or the target, if
 * above) on a scale-down and at 0 % on a scale-up. A change within the tolerance, or one the
 * unready and missing pods would turn around, keeps the current count.
 */
public final class ReplicaCalculator {

    /** Kubernetes' default tolerance: a ratio within 10 % of 1 changes nothing. */
    public static final double DEFAULT_TOLERANCE = 0.1;
    /** How long after its start a pod's cpu samples are doubted (--horizontal-pod-autoscaler-cpu-initialization-period). */
    public static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
    /** How long after its start a pod not ready counts as never ready (--horizontal-pod-autoscaler-initial-readiness-delay). */
    public static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

    private final double tolerance;

    public ReplicaCalculator(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * The replica count for {@code resource} at {@code currentReplicas}: aiming at
     * {@code targetUtilization} % of request when it is not null, else at {@code targetAverageMillis}
     * per pod.
     */
    public MetricResult replicas(int currentReplicas, String resource, Integer targetUtilization,
                                 long targetAverageMillis, Iterable<ObservedPod> pods, Instant now) {
        Map<String, ObservedPod> all = new HashMap<>();
        pods.forEach(pod -> all.put(pod.name(), pod));
        if (all.isEmpty()) {
            return MetricResult.failed("no pods returned by selector while calculating replica count");
        }
        if (all.values().stream().noneMatch(pod -> pod.usage() != null && pod.usage().millis().containsKey(resource))) {
            return MetricResult.failed("unable to get metrics for resource " + resource
                    + ": no metrics returned from resource metrics API");
        }
        Map<String, Long> metrics = new HashMap<>();
        Set<String> unready = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        int readyCount = group(all.values(), resource, now, metrics, unready, missing);
        if (metrics.isEmpty()) {
            return MetricResult.failed("did not receive metrics for targeted pods (pods might be unready)");
        }
        Map<String, Long> requests = new HashMap<>();
        if (targetUtilization != null) {
            for (ObservedPod pod : all.values()) {
                long total = 0;
                for (ObservedPod.ContainerRequests container : pod.requests()) {
                    Long request = container.millis().get(resource);
                    if (request == null) {
                        return MetricResult.failed("missing request for " + resource + " in container "
                                + container.container() + " of Pod " + pod.name());
                    }
                    total += request;
                }
                requests.put(pod.name(), total);
            }
        }
        Ratio ratio = ratio(metrics, requests, targetUtilization, targetAverageMillis);
        if (ratio == null) {
            return MetricResult.failed("no metrics returned matched known pods");
        }
        boolean scaleUpWithUnready = !unready.isEmpty() && ratio.usage > 1.0;
        if (!scaleUpWithUnready && missing.isEmpty()) {
            int replicas = Math.abs(1.0 - ratio.usage) <= tolerance ? currentReplicas
                    : (int) Math.ceil(ratio.usage * readyCount);
            return new MetricResult(replicas, ratio.utilization, ratio.averageMillis, null);
        }
        if (ratio.usage < 1.0) {
            // on a scale-down, missing pods use all of their request (or the target, if above), or exactly the target
            for (String name : missing) {
                metrics.put(name, targetUtilization != null
                        ? requests.get(name) * Math.max(100, targetUtilization) / 100 : targetAverageMillis);
            }
        } else if (ratio.usage > 1.0) {
            missing.forEach(name -> metrics.put(name, 0L));
        }
        if (scaleUpWithUnready) {
            unready.forEach(name -> metrics.put(name, 0L));
        }
        Ratio adjusted = ratio(metrics, requests, targetUtilization, targetAverageMillis);
        MetricResult unchanged = new MetricResult(currentReplicas, ratio.utilization, ratio.averageMillis, null);
        if (adjusted == null || Math.abs(1.0 - adjusted.usage) <= tolerance
                || (ratio.usage < 1.0 && adjusted.usage > 1.0) || (ratio.usage > 1.0 && adjusted.usage < 1.0)) {
            return unchanged;
        }
        int replicas = (int) Math.ceil(adjusted.usage * metrics.size());
        if ((adjusted.usage < 1.0 && replicas > currentReplicas) || (adjusted.usage > 1.0 && replicas < currentReplicas)) {
            return unchanged;
        }
        return new MetricResult(replicas, ratio.utilization, ratio.averageMillis, null);
    }

    /** Sorts the pods: samples of the ready ones into {@code metrics}, the others into the sets; returns how many are ready. */
    private static int group(Iterable<ObservedPod> pods, String resource, Instant now, Map<String, Long> metrics,
                             Set<String> unready, Set<String> missing) {
        int ready = 0;
        for (ObservedPod pod : pods) {
            if (pod.deleting() || "Failed".equals(pod.phase())) {
                continue;
            }
            if (pod.phase() == null || "Pending".equals(pod.phase())) {
                unready.add(pod.name());
                continue;
            }
            Long value = pod.usage() == null ? null : pod.usage().millis().get(resource);
            if (value == null) {
                missing.add(pod.name());
                continue;
            }
            if ("cpu".equals(resource) && cpuUnready(pod, now)) {
                unready.add(pod.name());
                continue;
            }
            metrics.put(pod.name(), value);
            ready++;
        }
        return ready;
    }

    private static boolean cpuUnready(ObservedPod pod, Instant now) {
        if (pod.ready() == null || pod.readySince() == null || pod.startTime() == null) {
            return true;
        }
        if (pod.startTime().plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
            // still starting: a sample counts once a whole window passed since it turned ready
            return !pod.ready() || pod.usage().timestamp().isBefore(pod.readySince().plus(pod.usage().window()));
        }
        // later, only a pod that has never been ready is doubted
        return !pod.ready() && pod.startTime().plus(INITIAL_READINESS_DELAY).isAfter(pod.readySince());
    }

    private record Ratio(double usage, Integer utilization, long averageMillis) {
    }

    /** The usage ratio of {@code metrics} to the target; null when no sample is of a pod with a request. */
    private static Ratio ratio(Map<String, Long> metrics, Map<String, Long> requests, Integer targetUtilization,
                               long targetAverageMillis) {
        if (targetUtilization == null) {
            long total = metrics.values().stream().mapToLong(Long::longValue).sum();
            long average = total / metrics.size();
            return new Ratio((double) average / targetAverageMillis, null, average);
        }
        long metricsTotal = 0;
        long requestsTotal = 0;
        int entries = 0;
        for (Map.Entry<String, Long> metric : metrics.entrySet()) {
            Long request = requests.get(metric.getKey());
            if (request != null) {
                metricsTotal += metric.getValue();
                requestsTotal += request;
                entries++;
            }
        }
        if (requestsTotal == 0) {
            return null;
        }
        int utilization = (int) (metricsTotal * 100 / requestsTotal);
        return new Ratio((double) utilization / targetUtilization, utilization, metricsTotal / entries);
    }
}

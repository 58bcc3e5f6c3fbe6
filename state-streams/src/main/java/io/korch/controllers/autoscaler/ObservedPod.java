package io.korch.controllers.autoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pod of an autoscaler's target as the replica calculator sees it: its phase and readiness
 * from its agent's report, its containers' requests from its spec, and its latest usage sample.
 *
 * @param name           the pod's name
 * @param phase          Pending, Running, Succeeded, Failed or Unknown; null before any report
 * @param deleting       whether its deletion has begun
 * @param startTime      when its agent started it; null before
 * @param ready          its Ready condition; null when it has none
 * @param readySince     when its Ready condition last changed; null when it has none
 * @param requests       per container, its requests in milli-units by resource name (cpu in
 *                       millicores, memory in thousandths of a byte); a missing name is no request
 * @param usage          its latest usage sample; null when none was seen
 */
public record ObservedPod(String name, String phase, boolean deleting, Instant startTime, Boolean ready,
                          Instant readySince, List<ContainerRequests> requests, Usage usage) {

    /** A container's requests in milli-units by resource name. */
    public record ContainerRequests(String container, Map<String, Long> millis) {
    }

    /**
     * A usage sample: at {@code timestamp}, over the {@code window} before it, the pod's use by
     * resource in milli-units (summed over its containers).
     */
    public record Usage(Instant timestamp, Duration window, Map<String, Long> millis) {
    }
}

package io.korch.controllers.autoscaler;

/**
 * What one metric proposes: a replica count with the current value it was computed from, or why
 * none could be computed.
 *
 * @param replicas        the proposed replica count; meaningful only without an error
 * @param utilization     the pods' average use in percent of their requests, for a Utilization target; else null
 * @param averageMillis   the pods' average use in milli-units
 * @param error           why no count could be computed; null when one was
 */
public record MetricResult(int replicas, Integer utilization, long averageMillis, String error) {

    static MetricResult failed(String error) {
        return new MetricResult(0, null, 0, error);
    }

    public boolean failed() {
        return error != null;
    }
}

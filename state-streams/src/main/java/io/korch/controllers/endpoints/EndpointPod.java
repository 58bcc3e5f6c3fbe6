package io.korch.controllers.endpoints;

import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodIP;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pod as the endpoints controller sees it: what was declared ({@code korch.pods} or
 * {@code korch.owned.pods}) and what its agent last reported about this very pod (same uid,
 * {@code korch.status.pods}).
 *
 * <p>A pod whose declaration was deleted while its agent still reports it — its containers are
 * being stopped — is kept with {@code metadata.deletionTimestamp} set, which is what marks it
 * terminating, as the apiserver marks a pod under graceful deletion.
 *
 * @param pod    the declaration; never mutated
 * @param report the agent's latest report on it, or null before the first one
 */
public record EndpointPod(Pod pod, PodStatusReport report) {

    /** The phase of a pod whose containers all ended for good with success. */
    static final String SUCCEEDED = "Succeeded";
    /** The phase of a pod whose containers all ended for good, one at least with a failure. */
    static final String FAILED = "Failed";

    public EndpointPod {
        Objects.requireNonNull(pod, "pod");
    }

    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    public String name() {
        return pod.getMetadata().getName();
    }

    public String uid() {
        return pod.getMetadata().getUid();
    }

    public Map<String, String> labels() {
        return pod.getMetadata().getLabels();
    }

    /** The pod's IP ({@code status.podIP}, else the first of {@code status.podIPs}), or null while it has none. */
    public String ip() {
        PodStatus status = status();
        if (status == null) {
            return null;
        }
        if (status.getPodIP() != null && !status.getPodIP().isEmpty()) {
            return status.getPodIP();
        }
        List<PodIP> ips = status.getPodIPs();
        return ips == null || ips.isEmpty() ? null : ips.get(0).getIp();
    }

    /** The node it runs on: the reporting agent's, else {@code spec.nodeName}; null when unknown. */
    public String nodeName() {
        return report != null ? report.getNodeName() : pod.getSpec().getNodeName();
    }

    /** Whether the latest report carries the condition Ready=True. */
    public boolean ready() {
        PodStatus status = status();
        if (status == null) {
            return false;
        }
        for (PodCondition condition : status.getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /** Whether the pod is being deleted ({@code metadata.deletionTimestamp} set). */
    public boolean terminating() {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Whether the pod ended for good (Succeeded or Failed): it serves nothing any more. */
    public boolean terminal() {
        PodStatus status = status();
        String phase = status == null ? null : status.getPhase();
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /**
     * Whether the pod belongs among a Service's endpoints at all, as Kubernetes'
     * {@code ShouldPodBeInEndpoints}: it has an IP, has not ended, and, unless
     * {@code includeTerminating}, is not being deleted.
     */
    public boolean inEndpoints(boolean includeTerminating) {
        return ip() != null && !terminal() && (includeTerminating || !terminating());
    }

    /**
     * Everything about the pod that an endpoint is made of: two pods with equal views give equal
     * endpoints, so a report that changes none of it (a periodic refresh) reconciles nothing.
     */
    Object endpointView() {
        return List.of(Objects.toString(ip(), ""), Objects.toString(nodeName(), ""), ready(), terminating(),
                terminal(), labels(), pod.getSpec());
    }

    private PodStatus status() {
        return report == null ? null : report.getStatus();
    }
}

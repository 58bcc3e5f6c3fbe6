package io.korch.cli.output.describe;

import io.korch.api.Container;
import io.korch.api.HTTPGetAction;
import io.korch.api.Probe;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import io.korch.cli.output.DescribeWriter;
import java.util.Comparator;
import java.util.List;

/**
 * The parts of a container and a pod that {@code kubectl describe} shows beyond image and state, worded as it
 * words them: probes ({@code Liveness: http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1
 * #failure=3}), mounts ({@code /data from data (rw)}), the pod's init containers and its volumes.
 */
final class ContainerDetails {

    private ContainerDetails() {
    }

    /** The liveness, readiness and startup probes a container has. */
    static void probes(DescribeWriter w, int level, Container container) {
        probe(w, level, "Liveness", container.getLivenessProbe());
        probe(w, level, "Readiness", container.getReadinessProbe());
        probe(w, level, "Startup", container.getStartupProbe());
    }

    /** {@code Mounts:}, one line per mount, sorted by path; {@code <none>} without. */
    static void mounts(DescribeWriter w, int level, Container container) {
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .sorted(Comparator.comparing(VolumeMount::getMountPath)).toList();
        if (mounts.isEmpty()) {
            w.field(level, "Mounts", "<none>");
            return;
        }
        w.line(level, "Mounts:");
        for (VolumeMount mount : mounts) {
            String flags = Boolean.TRUE.equals(mount.getReadOnly()) ? "ro" : "rw";
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                flags += ",path=\"" + mount.getSubPath() + "\"";
            }
            w.line(level + 1, mount.getMountPath() + " from " + mount.getName() + " (" + flags + ")");
        }
    }

    /** A probe as kubectl prints it, with Kubernetes' defaults for unset timings. */
    static String describe(Probe probe) {
        String attributes = "delay=" + orDefault(probe.getInitialDelaySeconds(), 0) + "s timeout="
                + orDefault(probe.getTimeoutSeconds(), 1) + "s period=" + orDefault(probe.getPeriodSeconds(), 10)
                + "s #success=" + orDefault(probe.getSuccessThreshold(), 1) + " #failure="
                + orDefault(probe.getFailureThreshold(), 3);
        if (probe.getExec() != null) {
            return "exec [" + String.join(" ", probe.getExec().getCommand()) + "] " + attributes;
        }
        if (probe.getHttpGet() != null) {
            return "http-get " + url(probe.getHttpGet()) + " " + attributes;
        }
        if (probe.getTcpSocket() != null) {
            String host = probe.getTcpSocket().getHost() == null ? "" : probe.getTcpSocket().getHost();
            return "tcp-socket " + host + ":" + probe.getTcpSocket().getPort() + " " + attributes;
        }
        if (probe.getGrpc() != null) {
            String service = probe.getGrpc().getService() == null ? "" : probe.getGrpc().getService();
            return "grpc <pod>:" + probe.getGrpc().getPort() + " " + service + " " + attributes;
        }
        return "unknown " + attributes;
    }

    /** {@code Volumes:} with each volume's source, or {@code Volumes: <none>}. */
    static void volumes(DescribeWriter w, List<Volume> volumes) {
        if (volumes.isEmpty()) {
            w.field(0, "Volumes", "<none>");
            return;
        }
        w.line(0, "Volumes:");
        for (Volume volume : volumes) {
            w.line(1, volume.getName() + ":");
            if (volume.getEmptyDir() != null) {
                w.field(2, "Type", "EmptyDir (a temporary directory that shares a pod's lifetime)");
                w.line(2, "Medium:\t" + (volume.getEmptyDir().getMedium() == null ? "" : volume.getEmptyDir().getMedium()));
                w.field(2, "SizeLimit", volume.getEmptyDir().getSizeLimit() == null ? "<unset>"
                        : volume.getEmptyDir().getSizeLimit());
            } else if (volume.getConfigMap() != null) {
                w.field(2, "Type", "ConfigMap (a volume populated by a ConfigMap)");
                w.field(2, "Name", volume.getConfigMap().getName());
                w.field(2, "Optional", Boolean.TRUE.equals(volume.getConfigMap().getOptional()));
            } else if (volume.getSecret() != null) {
                w.field(2, "Type", "Secret (a volume populated by a Secret)");
                w.field(2, "SecretName", volume.getSecret().getSecretName());
                w.field(2, "Optional", Boolean.TRUE.equals(volume.getSecret().getOptional()));
            } else if (volume.getDownwardAPI() != null) {
                w.field(2, "Type", "DownwardAPI (a volume populated by information about the pod)");
                w.line(2, "Items:");
                volume.getDownwardAPI().getItems().forEach(item -> w.line(3, (item.getFieldRef() != null
                        ? item.getFieldRef().getFieldPath()
                        : item.getResourceFieldRef() != null ? item.getResourceFieldRef().getResource() : "?")
                        + " -> " + item.getPath()));
            } else {
                w.field(2, "Type", "<unknown>");
            }
        }
    }

    private static void probe(DescribeWriter w, int level, String name, Probe probe) {
        if (probe != null) {
            w.field(level, name, describe(probe));
        }
    }

    private static String url(HTTPGetAction get) {
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = get.getHost() == null ? "" : get.getHost();
        String path = get.getPath() == null ? "" : get.getPath();
        return scheme + "://" + host + ":" + get.getPort() + path;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

package io.korch.cli.output.describe;

import io.korch.api.Container;
import io.korch.api.ContainerStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.PodStatuses;
import io.korch.cli.output.Table;
import java.util.List;

/**
 * {@code korch describe pod}: where the pod runs, its status (with the scheduler's reason when it
 * fits nowhere), its init containers and containers (image, state and last state, restarts, probes, mounts),
 * its conditions, volumes and events.
 */
public final class PodDescriber {

    private PodDescriber() {
    }

    /** The report of {@code pod}. */
    public static String describe(Pod pod, EventHistory events, DescribeContext at) {
        ObjectMeta meta = pod.getMetadata();
        PodStatus status = pod.getStatus();
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", meta.getName());
        w.field(0, "Namespace", meta.getNamespace());
        w.field(0, "Node", node(pod));
        if (status != null && status.getStartTime() != null) {
            w.field(0, "Start Time", at.time(status.getStartTime()));
        }
        Sections.labelsAndAnnotations(w, meta);
        w.field(0, "Status", meta.getDeletionTimestamp() != null ? "Terminating" : phase(pod));
        PodCondition scheduled = PodStatuses.condition(pod, "PodScheduled");
        String reason = status == null ? null : status.getReason();
        String message = status == null ? null : status.getMessage();
        if (reason == null && scheduled != null && "False".equals(scheduled.getStatus())) {
            reason = scheduled.getReason();
            message = scheduled.getMessage();
        }
        if (reason != null) {
            w.field(0, "Reason", reason);
        }
        if (message != null) {
            w.field(0, "Message", message);
        }
        w.field(0, "IP", status == null ? null : status.getPodIP());
        Sections.controlledBy(w, meta);
        List<Container> init = pod.getSpec().getInitContainers();
        if (!init.isEmpty()) {
            w.line(0, "Init Containers:");
            for (Container container : init) {
                Sections.container(w, 1, container, initStatus(pod, container.getName()), at);
            }
        }
        w.line(0, "Containers:");
        for (Container container : pod.getSpec().getContainers()) {
            Sections.container(w, 1, container, PodStatuses.containerStatus(pod, container.getName()), at);
        }
        conditions(w, pod);
        ContainerDetails.volumes(w, pod.getSpec().getVolumes());
        w.field(0, "Restart Policy", pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy());
        w.map(0, "Node-Selectors", pod.getSpec().getNodeSelector(), "=");
        events.write(w, at);
        return w.render();
    }

    private static ContainerStatus initStatus(Pod pod, String name) {
        return pod.getStatus() == null ? null : pod.getStatus().getInitContainerStatuses().stream()
                .filter(status -> name.equals(status.getName())).findFirst().orElse(null);
    }

    private static String node(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node == null) {
            return "<none>";
        }
        String hostIp = pod.getStatus() == null ? null : pod.getStatus().getHostIP();
        return hostIp == null ? node : node + "/" + hostIp;
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    private static void conditions(DescribeWriter w, Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions().isEmpty()) {
            w.field(0, "Conditions", "<none>");
            return;
        }
        w.line(0, "Conditions:");
        Table table = Table.of("Type", "Status", "Reason", "Message");
        for (PodCondition condition : pod.getStatus().getConditions()) {
            table.row(condition.getType(), condition.getStatus(), orEmpty(condition.getReason()),
                    orEmpty(condition.getMessage()));
        }
        w.table(1, table);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

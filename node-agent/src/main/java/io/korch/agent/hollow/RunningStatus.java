package io.korch.agent.hollow;

import io.korch.agent.PodStatuses;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.api.PodStatusReport;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status report of a pod on a hollow node: every container running since {@code now}. The status is
 * computed by the agent's own {@link PodStatuses} from containers that a runtime would show running, so it
 * has exactly the shape a real agent reports (phase Running, Ready and ContainersReady True, container
 * states running). Pure.
 */
final class RunningStatus {

    /** Scheme of the container ids hollow nodes report, as {@code docker} is for real ones. */
    static final String RUNTIME = "hollow";

    private RunningStatus() {
    }

    /**
     * The report of {@code pod}, assigned to {@code nodeName} under status key {@code podKey}
     * ({@code namespace/name}), as of {@code now}.
     */
    static PodStatusReport of(String podKey, Pod pod, String nodeName, Instant now) {
        String uid = pod.getMetadata().getUid();
        List<RuntimeContainer> running = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            running.add(new RuntimeContainer(uid + "-" + container.getName(), container.getName(),
                    container.getImage(), ContainerLabels.of(nodeName, Keys.namespace(podKey), Keys.name(podKey), uid,
                    container.getName()), RuntimeContainer.State.RUNNING, null, now, now, null, false, null));
        }
        PodStatus status = PodStatuses.of(pod, running, Map.of(), null, RUNTIME, now);
        return PodStatusReport.newBuilder()
                .setPodUid(uid)
                .setNodeName(nodeName)
                .setStatus(status)
                .setObservedAt(now)
                .build();
    }
}

package io.korch.controllers.testing;

import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: the Node record an agent writes as its heartbeat. */
public final class Nodes {

    private Nodes() {
    }

    /** A heartbeat of {@code name} at {@code at}: its Ready condition with that lastHeartbeatTime. */
    public static Node heartbeat(String name, Instant at) {
        return heartbeat(name, at, "True", "KubeletReady", "korch agent is posting ready status");
    }

    /**
     * A heartbeat of {@code name} at {@code at} whose agent cannot use its container runtime: Ready=False,
     * reason ContainerRuntimeDown, as the node agent reports it.
     */
    public static Node runtimeDown(String name, Instant at, String problem) {
        return heartbeat(name, at, "False", "ContainerRuntimeDown", "container runtime is down: " + problem);
    }

    /** A heartbeat of {@code name} at {@code at} with a Ready condition of this status, reason and message. */
    public static Node heartbeat(String name, Instant at, String status, String reason, String message) {
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(NodeCondition.newBuilder()
                .setType("Ready")
                .setStatus(status)
                .setReason(reason)
                .setMessage(message)
                .setLastHeartbeatTime(at)
                .build());
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).build())
                .setStatus(NodeStatus.newBuilder().setConditions(conditions).build())
                .build();
    }
}

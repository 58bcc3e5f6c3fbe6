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
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(NodeCondition.newBuilder()
                .setType("Ready")
                .setStatus("True")
                .setReason("KubeletReady")
                .setLastHeartbeatTime(at)
                .build());
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).build())
                .setStatus(NodeStatus.newBuilder().setConditions(conditions).build())
                .build();
    }
}

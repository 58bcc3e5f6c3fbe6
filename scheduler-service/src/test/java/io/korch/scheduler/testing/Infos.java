package io.korch.scheduler.testing;

import io.korch.scheduler.framework.NodeInfo;
import io.korch.scheduler.framework.PodInfo;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;

/** The scheduler's bookkeeping of test-kit pods and nodes: {@code nodeInfo(Nodes.node("n").cpu("2"), podInfo(Pods.pod("a")))}. */
public final class Infos {

    private Infos() {
    }

    /** The scheduler's view of {@code pod}. */
    public static PodInfo podInfo(Pods pod) {
        return PodInfo.of(pod.key(), pod.build());
    }

    /** Bookkeeping of {@code node} with {@code pods} bound to it. */
    public static NodeInfo nodeInfo(Nodes node, PodInfo... pods) {
        NodeInfo info = new NodeInfo(node.build().getMetadata().getName());
        info.setNode(node.build());
        for (PodInfo pod : pods) {
            info.add(pod.boundTo(info.name()));
        }
        return info;
    }
}

package io.korch.agent.runtime;

import java.util.Map;

/**
 * The labels and the name the agent gives every container it creates (docs/architecture.md,
 * "Containers"). They are the contract that lets an agent find and adopt its containers after a
 * restart: {@code docker ps --filter label=io.korch.node=node-1} lists one node's containers.
 */
public final class ContainerLabels {

    /** The node whose agent owns the container. */
    public static final String NODE = "io.korch.node";
    /** Namespace of the pod the container belongs to. */
    public static final String POD_NAMESPACE = "io.korch.pod.namespace";
    /** Name of the pod the container belongs to. */
    public static final String POD_NAME = "io.korch.pod.name";
    /** Uid of the pod the container belongs to: the identity that makes creation idempotent. */
    public static final String POD_UID = "io.korch.pod.uid";
    /** Name of the container within its pod. */
    public static final String CONTAINER = "io.korch.container";
    /**
     * The pod's {@code terminationGracePeriodSeconds} when the container was created, if the pod set one: the
     * time the container gets to stop once its pod is no longer assigned and its spec no longer known.
     */
    public static final String TERMINATION_GRACE_PERIOD = "io.korch.pod.termination-grace-period-seconds";

    /**
     * The {@link #CONTAINER} name of a pod's sandbox, the container that holds its network namespace (the
     * kubelet's name for it; no pod container can have it, their names being lower case).
     */
    public static final String SANDBOX = "POD";
    /** The address a sandbox holds on the pod network, so that a restarted agent knows the addresses in use. */
    public static final String POD_IP = "io.korch.pod.ip";

    private ContainerLabels() {
    }

    /** The labels of one pod container on one node. */
    public static Map<String, String> of(String node, String namespace, String pod, String podUid, String container) {
        return Map.of(NODE, node, POD_NAMESPACE, namespace, POD_NAME, pod, POD_UID, podUid, CONTAINER, container);
    }

    /**
     * The runtime name of a pod container: {@code korch_<node>_<namespace>_<pod>_<container>}. Characters a
     * container name cannot hold become {@code -}, so a name is unique per node, namespace, pod and container.
     */
    public static String containerName(String node, String namespace, String pod, String container) {
        return "korch_" + clean(node) + "_" + clean(namespace) + "_" + clean(pod) + "_" + clean(container);
    }

    private static String clean(String part) {
        return part.replaceAll("[^a-zA-Z0-9.-]", "-");
    }
}

package io.korch.agent.runtime;

/**
 * The pod asks for something the node cannot give a container yet or at all: a ConfigMap, Secret or key
 * that does not exist, a volume that cannot be set up, a security setting the image breaks. The container
 * waits with {@link #waitingReason()} and is tried again on the next pass, without back-off, so it starts
 * as soon as what it needs appears.
 */
public final class ContainerConfigException extends RuntimeException {

    /** Kubernetes' waiting reason of a container whose environment or security settings cannot be met. */
    public static final String CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
    /** Kubernetes' waiting reason of a container whose pod's volumes are not set up yet. */
    public static final String CONTAINER_CREATING = "ContainerCreating";
    /** The event reason of a failed volume set-up. */
    public static final String FAILED_MOUNT = "FailedMount";
    /** The event reason of a pod that waits for the node's pod network. */
    public static final String NETWORK_NOT_READY = "NetworkNotReady";
    /** The event reason of a pod sandbox that cannot be created. */
    public static final String FAILED_CREATE_POD_SANDBOX = "FailedCreatePodSandBox";
    /** The event reason of any other configuration error. */
    public static final String FAILED = "Failed";

    private final String waitingReason;
    private final String eventReason;
    private final String eventMessage;

    private ContainerConfigException(String message, String waitingReason, String eventReason, String eventMessage) {
        super(message);
        this.waitingReason = waitingReason;
        this.eventReason = eventReason;
        this.eventMessage = eventMessage;
    }

    /**
     * A {@code CreateContainerConfigError}, as Kubernetes words it: the status says {@code message}, the
     * {@code Failed} event {@code Error: message}. The message must never carry a Secret's value.
     */
    public static ContainerConfigException configError(String message) {
        return new ContainerConfigException(message, CREATE_CONTAINER_CONFIG_ERROR, FAILED, "Error: " + message);
    }

    /**
     * A volume that cannot be set up: the container stays {@code ContainerCreating} and a {@code FailedMount}
     * event says {@code MountVolume.SetUp failed for volume "name" : cause}.
     */
    public static ContainerConfigException mountFailed(String volume, String cause) {
        String message = "MountVolume.SetUp failed for volume \"" + volume + "\" : " + cause;
        return new ContainerConfigException(message, CONTAINER_CREATING, FAILED_MOUNT, message);
    }

    /**
     * The node's pod network cannot take the pod yet (it has no share of the cluster CIDR): the container stays
     * {@code ContainerCreating} and a {@code NetworkNotReady} event says {@code network is not ready: cause}, as
     * the kubelet's does.
     */
    public static ContainerConfigException networkNotReady(String cause) {
        String message = "network is not ready: " + cause;
        return new ContainerConfigException(message, CONTAINER_CREATING, NETWORK_NOT_READY, message);
    }

    /**
     * The pod's sandbox cannot be created: the container stays {@code ContainerCreating} and a
     * {@code FailedCreatePodSandBox} event says {@code Failed to create pod sandbox: cause}.
     */
    public static ContainerConfigException sandboxFailed(String cause) {
        String message = "Failed to create pod sandbox: " + cause;
        return new ContainerConfigException(message, CONTAINER_CREATING, FAILED_CREATE_POD_SANDBOX, message);
    }

    /** The container's waiting reason while the error lasts. */
    public String waitingReason() {
        return waitingReason;
    }

    /** The reason of the warning event. */
    public String eventReason() {
        return eventReason;
    }

    /** The message of the warning event. */
    public String eventMessage() {
        return eventMessage;
    }
}

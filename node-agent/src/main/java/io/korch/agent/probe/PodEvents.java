package io.korch.agent.probe;

/** Where probes and hooks tell what happened to a pod: the agent's event recorder. */
@FunctionalInterface
public interface PodEvents {

    /** Event reason of a failed probe attempt. */
    String UNHEALTHY = "Unhealthy";
    /** Event reason of a failed postStart hook. */
    String FAILED_POST_START_HOOK = "FailedPostStartHook";
    /** Event reason of a failed preStop hook. */
    String FAILED_PRE_STOP_HOOK = "FailedPreStopHook";

    /** Records a Warning event about the pod {@code namespace/pod} with uid {@code uid}. */
    void warning(String namespace, String pod, String uid, String reason, String message);
}

package io.korch.agent.probe;

import io.korch.api.LifecycleHandler;

/** The messages of failed lifecycle hooks, worded as kubelet's handler runner words them. */
public final class HookMessages {

    private HookMessages() {
    }

    /**
     * Why {@code handler} of container {@code container} in pod {@code pod} ({@code name_namespace(uid)})
     * failed with {@code outcome}.
     */
    public static String failure(LifecycleHandler handler, String container, String pod, ProbeOutcome outcome) {
        String where = " for Container \"" + container + "\" in Pod \"" + pod + "\" failed - error: ";
        if (handler.getExec() != null) {
            String command = String.join(" ", handler.getExec().getCommand());
            return "Exec lifecycle hook ([" + command + "])" + where + "command '" + command + "' exited: "
                    + outcome.output() + ", message: \"" + outcome.output() + "\"";
        }
        if (handler.getHttpGet() != null) {
            String path = handler.getHttpGet().getPath() == null ? "" : handler.getHttpGet().getPath();
            return "HTTP lifecycle hook (" + path + ")" + where + outcome.output();
        }
        return "lifecycle hook" + where + outcome.output();
    }
}

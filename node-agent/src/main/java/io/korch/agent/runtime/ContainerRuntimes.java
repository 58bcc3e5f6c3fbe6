package io.korch.agent.runtime;

import io.korch.agent.runtime.docker.DockerRuntime;
import io.korch.agent.runtime.process.ProcessRuntime;
import java.util.function.Consumer;

/** Picks the container runtime of this machine: Docker when its daemon answers, else the local-process fallback. */
public final class ContainerRuntimes {

    private ContainerRuntimes() {
    }

    /**
     * Docker when reachable; otherwise the local-process runtime if allowed (calling {@code warn} with a
     * visible one-line warning), else an {@link IllegalStateException} saying Docker is not reachable and
     * how to fix it.
     *
     * @param allowProcessFallback whether running containers as local processes is acceptable
     * @param warn                 receives the warning when the fallback is chosen
     */
    public static ContainerRuntime detect(boolean allowProcessFallback, Consumer<String> warn) {
        DockerRuntime docker = DockerRuntime.connect();
        try {
            docker.ping();
            return docker;
        } catch (RuntimeException e) {
            docker.close();
            String cause = rootMessage(e);
            if (allowProcessFallback) {
                warn.accept("WARNING: Docker is not reachable at " + docker.dockerHost() + " (" + cause
                        + "); running pod containers as local processes: images, published ports and limits are"
                        + " ignored, and containers cannot be adopted after a restart.");
                return ProcessRuntime.inTempDir();
            }
            throw new IllegalStateException("Docker is not reachable at " + docker.dockerHost() + ": " + cause
                    + ". Start dockerd, or point DOCKER_HOST at a running daemon, or allow the local-process"
                    + " runtime, which runs each container's command as a plain process.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}

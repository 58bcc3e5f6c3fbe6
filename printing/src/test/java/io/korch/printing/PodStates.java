package io.korch.printing;

import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateTerminated;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import java.time.Instant;
import java.util.List;

/** Pod statuses for the printers' tests: running and ready, waiting, terminated. */
final class PodStates {

    private PodStates() {
    }

    /** Running on {@code 10.0.0.7} with its container {@code main} ready after {@code restarts} restarts. */
    static PodStatus running(int restarts) {
        return PodStatus.newBuilder()
                .setPhase("Running")
                .setPodIP("10.0.0.7")
                .setConditions(List.of(PodCondition.newBuilder().setType("Ready").setStatus("True").build()))
                .setContainerStatuses(List.of(container(restarts, true, ContainerState.newBuilder()
                        .setRunning(ContainerStateRunning.newBuilder().setStartedAt(Instant.EPOCH).build())
                        .build())))
                .build();
    }

    /** Pending with its container waiting for {@code reason}. */
    static PodStatus waiting(String reason) {
        return PodStatus.newBuilder()
                .setPhase("Pending")
                .setContainerStatuses(List.of(container(0, false, ContainerState.newBuilder()
                        .setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).build())
                        .build())))
                .build();
    }

    /** In {@code phase} with its container ended with {@code exitCode} and {@code reason} (may be null). */
    static PodStatus terminated(String phase, int exitCode, String reason) {
        return PodStatus.newBuilder()
                .setPhase(phase)
                .setContainerStatuses(List.of(container(0, false, ContainerState.newBuilder()
                        .setTerminated(ContainerStateTerminated.newBuilder().setExitCode(exitCode).setReason(reason)
                                .build())
                        .build())))
                .build();
    }

    private static ContainerStatus container(int restarts, boolean ready, ContainerState state) {
        return ContainerStatus.newBuilder()
                .setName("main")
                .setImage("korch/busybox:latest")
                .setReady(ready)
                .setRestartCount(restarts)
                .setState(state)
                .build();
    }
}

package io.korch.agent.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-process runtime. */
class ProcessRuntimeTest {

    @TempDir
    Path logs;

    private ProcessRuntime runtime;

    @AfterEach
    void stopProcesses() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void runsTheCommandAndArgsAsALocalProcessAndReportsItsExitCode() throws Exception {
        // given
        runtime = new ProcessRuntime(logs);
        String id = runtime.create(spec("node-1", "job", List.of("sh", "-c"), List.of("echo \"$GREETING\"; exit 3"),
                Map.of("GREETING", "hello")));

        // when
        runtime.start(id);

        // then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(runtime.inspect(id)).hasValueSatisfying(c -> {
                    assertThat(c.state()).isEqualTo(State.EXITED);
                    assertThat(c.exitCode()).isEqualTo(3);
                    assertThat(c.startedAt()).isNotNull();
                    assertThat(c.finishedAt()).isNotNull();
                }));
        assertThat(Files.readString(runtime.logFile("korch_node-1_default_job_main"))).contains("hello");
    }

    @Test
    void listsOnlyTheContainersOfTheGivenNode() {
        // given
        runtime = new ProcessRuntime(logs);
        String mine = runtime.create(spec("node-1", "a", List.of("true"), List.of(), Map.of()));
        runtime.create(spec("node-2", "b", List.of("true"), List.of(), Map.of()));

        // when
        List<RuntimeContainer> listed = runtime.list("node-1");

        // then
        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(mine);
            assertThat(c.state()).isEqualTo(State.CREATED);
            assertThat(c.podName()).isEqualTo("a");
        });
    }

    @Test
    void startingAnExitedContainerAgainRunsItsCommandAgain() {
        // given
        runtime = new ProcessRuntime(logs);
        String id = runtime.create(spec("node-1", "job", List.of("sh", "-c", "exit 1"), List.of(), Map.of()));
        runtime.start(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.inspect(id).orElseThrow().state() == State.EXITED);

        // when
        runtime.start(id);

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.inspect(id).orElseThrow().state() == State.EXITED);
        assertThat(runtime.inspect(id).orElseThrow().exitCode()).isEqualTo(1);
    }

    @Test
    void removeStopsTheProcessAndForgetsTheContainer() {
        // given
        runtime = new ProcessRuntime(logs);
        String id = runtime.create(spec("node-1", "web", List.of("sleep", "60"), List.of(), Map.of()));
        runtime.start(id);
        assertThat(runtime.inspect(id).orElseThrow().state()).isEqualTo(State.RUNNING);

        // when
        runtime.remove(id, Duration.ofSeconds(5));

        // then
        assertThat(runtime.inspect(id)).isEmpty();
        assertThat(runtime.list("node-1")).isEmpty();
        runtime.remove(id, Duration.ofSeconds(5));
    }

    @Test
    void sendStopSignalTerminatesTheProcessWithoutWaitingForIt() {
        // given
        runtime = new ProcessRuntime(logs);
        String id = runtime.create(spec("node-1", "web", List.of("sleep", "60"), List.of(), Map.of()));
        runtime.start(id);

        // when
        runtime.sendStopSignal(id);

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.inspect(id).orElseThrow().state() == State.EXITED);
        runtime.sendStopSignal(id);
        runtime.sendStopSignal("no-such-container");
    }

    @Test
    void removingWithoutGracePeriodKillsAProcessThatIgnoresTheStopSignal() {
        // given
        runtime = new ProcessRuntime(logs);
        Path trapped = logs.resolve("trapped");
        String id = runtime.create(spec("node-1", "stubborn",
                List.of("sh", "-c", "trap '' TERM; touch " + trapped + "; sleep 60"), List.of(), Map.of()));
        runtime.start(id);
        // the signal must come once the shell ignores it, not before its trap is set
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(trapped));
        runtime.sendStopSignal(id);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> runtime.inspect(id).orElseThrow().state() == State.RUNNING);

        // when
        runtime.remove(id, Duration.ZERO);

        // then
        assertThat(runtime.inspect(id)).isEmpty();
    }

    @Test
    void refusesAContainerWithoutCommandBecauseItCannotRunAnImage() {
        // given
        runtime = new ProcessRuntime(logs);

        // then
        assertThatThrownBy(() -> runtime.create(spec("node-1", "web", List.of(), List.of(), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give the container a command");
    }

    @Test
    void closingStopsEveryProcessBecauseNoneCanBeAdoptedLater() {
        // given
        runtime = new ProcessRuntime(logs);
        String id = runtime.create(spec("node-1", "web", List.of("sleep", "60"), List.of(), Map.of()));
        runtime.start(id);

        // when
        runtime.close();

        // then
        assertThat(runtime.list("node-1")).isEmpty();
    }

    private static ContainerSpec spec(String node, String pod, List<String> command, List<String> args,
                                      Map<String, String> env) {
        return new ContainerSpec(ContainerLabels.containerName(node, "default", pod, "main"), "ignored:latest",
                command, args, env, null, ContainerLabels.of(node, "default", pod, "uid-" + pod, "main"), List.of(),
                null, null);
    }
}

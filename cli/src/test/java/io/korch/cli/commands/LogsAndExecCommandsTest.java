package io.korch.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code korch logs} and {@code korch exec}, and how they pick a pod's container. */
class LogsAndExecCommandsTest {

    @Test
    void logsOptionsBecomeKubernetesLogQueryParameters() {
        LogsCommand logs = parse(new LogsCommand(), "web", "-f", "--previous", "--tail", "20", "--since", "1m30s",
                "--timestamps", "--limit-bytes", "100");

        assertThat(logs.query()).containsExactly(
                java.util.Map.entry("follow", "true"), java.util.Map.entry("previous", "true"),
                java.util.Map.entry("tailLines", "20"), java.util.Map.entry("sinceSeconds", "90"),
                java.util.Map.entry("timestamps", "true"), java.util.Map.entry("limitBytes", "100"));
    }

    @Test
    void logsWithoutOptionsAskForTheWholeLog() {
        assertThat(parse(new LogsCommand(), "web").query()).isEmpty();
    }

    @Test
    void logsRefuseBothSinceAndSinceTime() {
        LogsCommand logs = parse(new LogsCommand(), "web", "--since", "5m", "--since-time", "2024-01-31T12:00:00Z");

        assertThatThrownBy(logs::query).hasMessage("at most one of `sinceTime` or `sinceSeconds` may be specified");
        assertThatThrownBy(parse(new LogsCommand(), "web", "--since", "5 minutes")::query)
                .hasMessageContaining("invalid argument \"5 minutes\" for \"--since\" flag");
    }

    @Test
    void execTakesTheCommandAfterTheDoubleDash() {
        ExecCommand exec = parse(new ExecCommand(), "pod/web", "-c", "main", "-i", "--", "sh", "-c", "echo hi; exit 3");

        assertThat(exec.podName()).isEqualTo("web");
        assertThat(exec.path("default", "main", false)).isEqualTo("/api/v1/namespaces/default/pods/web/exec"
                + "?container=main&command=sh&command=-c&command=echo%20hi%3B%20exit%203&stdin=true&stdout=true"
                + "&stderr=true");
    }

    @Test
    void execWithATerminalAsksForATtyAndNoSeparateStandardError() {
        ExecCommand exec = parse(new ExecCommand(), "web", "-it", "--", "sh");

        assertThat(exec.path("ns", "main", true)).isEqualTo("/api/v1/namespaces/ns/pods/web/exec"
                + "?container=main&command=sh&stdin=true&stdout=true&tty=true");
    }

    @Test
    void theDefaultContainerIsTheAnnotatedOneElseTheFirstWithANotice() {
        JsonNode annotated = pod("{\"metadata\":{\"name\":\"web\",\"annotations\":"
                + "{\"kubectl.kubernetes.io/default-container\":\"b\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}");
        JsonNode plain = pod("{\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"initContainers\":[{\"name\":\"i\"}]}}");
        JsonNode single = pod("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"containers\":[{\"name\":\"a\"}]}}");
        List<String> notices = new ArrayList<>();

        assertThat(PodContainerChoice.container(annotated, null, notices::add)).isEqualTo("b");
        assertThat(PodContainerChoice.container(single, null, notices::add)).isEqualTo("a");
        assertThat(notices).isEmpty();
        assertThat(PodContainerChoice.container(plain, null, notices::add)).isEqualTo("a");
        assertThat(notices).containsExactly("Defaulted container \"a\" out of: a, b, i (init)");
        assertThat(PodContainerChoice.container(plain, "b", notices::add)).isEqualTo("b");
    }

    @Test
    void theFirstPodOfAControllerIsARunningReadyOne() {
        JsonNode pending = pod("{\"metadata\":{\"name\":\"a\",\"creationTimestamp\":\"2024-01-01T00:00:00Z\"},"
                + "\"status\":{\"phase\":\"Pending\"}}");
        JsonNode running = pod("{\"metadata\":{\"name\":\"b\",\"creationTimestamp\":\"2024-01-02T00:00:00Z\"},"
                + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        assertThat(PodContainerChoice.firstPod(List.of(pending, running))).contains(running);
        assertThat(PodContainerChoice.firstPod(List.of())).isEmpty();
    }

    @Test
    void execRefusesACompletedPod() {
        assertThatThrownBy(() -> PodContainerChoice.requireNotCompleted(pod("{\"status\":{\"phase\":\"Succeeded\"}}")))
                .hasMessage("cannot exec into a container in a completed pod; current phase is Succeeded");
    }

    @Test
    void goDurationsReadAsKubectlReadsThem() {
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.ceilSeconds(GoDuration.parse("1500ms"))).isEqualTo(2);
        assertThatThrownBy(() -> GoDuration.parse("5")).hasMessage("time: invalid duration \"5\"");
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static JsonNode pod(String json) {
        try {
            return ApiJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

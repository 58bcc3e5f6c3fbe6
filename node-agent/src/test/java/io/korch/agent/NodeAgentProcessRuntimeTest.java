package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.process.ProcessRuntime;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real broker with the local-process runtime: runs wherever Java runs, no Docker needed. */
class NodeAgentProcessRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClusterFixture cluster;

    @TempDir
    Path logs;

    private final String node = "local-" + UUID.randomUUID().toString().substring(0, 8);
    private ProcessRuntime runtime;
    private NodeAgent agent;

    @BeforeAll
    static void startCluster() {
        cluster = new ClusterFixture();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startAgent() {
        runtime = new ProcessRuntime(logs);
        agent = NodeAgent.start(AgentConfig.defaults(cluster.bootstrapServers(), node), runtime);
    }

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void runsAnAssignedPodAsAProcessAndStopsItWhenUnassigned() {
        // given
        Pod pod = TestPods.pod("sleeper-" + node).container("main", "sleep", "3600").build();

        // when
        cluster.assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest("default/sleeper-" + node);
                assertThat(report).isNotNull();
                assertThat(report.getStatus().getPhase()).isEqualTo("Running");
                assertThat(report.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("process://");
            });
            assertThat(runtime.list(node)).hasSize(1);

            // when
            cluster.assign(node);

            // then
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.poll().tombstoned("default/sleeper-" + node)).isTrue());
            assertThat(runtime.list(node)).isEmpty();
        }
    }

    @Test
    void restartsAFailingProcessUnderOnFailureUntilItSucceeds() {
        // given: fails on the first run, succeeds on the second
        Path marker = logs.resolve("ran-once");
        Pod pod = TestPods.pod("job-" + node).restartPolicy("OnFailure")
                .container("main", "sh", "-c", "if [ -f " + marker + " ]; then exit 0; fi; touch " + marker + "; exit 1")
                .build();

        // when
        cluster.assign(node, pod);

        // then
        try (TopicTail<PodStatusReport> statuses = cluster.tail(Topics.POD_STATUS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                PodStatusReport report = statuses.poll().latest("default/job-" + node);
                assertThat(report).isNotNull();
                assertThat(report.getStatus().getPhase()).isEqualTo("Succeeded");
                assertThat(report.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
            });
        }
    }
}

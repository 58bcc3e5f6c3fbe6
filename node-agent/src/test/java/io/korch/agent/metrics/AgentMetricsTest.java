package io.korch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.AgentConfig;
import io.korch.agent.NodeAgent;
import io.korch.agent.SharedCluster;
import io.korch.agent.runtime.process.ProcessRuntime;
import io.korch.api.ExecAction;
import io.korch.api.Pod;
import io.korch.api.Probe;
import io.korch.testkit.Pods;
import io.korch.testkit.PrometheusText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's meters, scraped over real HTTP from its server, with a real broker and the
 * local-process runtime (no Docker needed): container starts and restarts, and probe failures by
 * probe type, per node.
 */
class AgentMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedCluster cluster = new SharedCluster();

    @TempDir
    Path logs;

    private final String node = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    private ProcessRuntime runtime;
    private NodeAgent agent;

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
    void countsContainerStartsRestartsAndProbeFailuresOfItsNode() {
        // given an agent, and a pod whose container exits at once and is restarted, and whose other
        // container never passes its readiness probe
        runtime = new ProcessRuntime(logs);
        agent = NodeAgent.start(AgentConfig.defaults(cluster.get().bootstrapServers(), node), runtime);
        Pod pod = Pods.pod("flaky-" + node)
                .container("exits", "sh", "-c", "exit 1")
                .container("unready", "sleep", "3600")
                .build();
        Probe readiness = Probe.newBuilder().setExec(ExecAction.newBuilder().setCommand(List.of("false")).build()).build();
        readiness.setPeriodSeconds(1);
        pod.getSpec().getContainers().get(1).setReadinessProbe(readiness);
        Map<String, String> ofNode = Map.of("node", node);

        // when
        cluster.get().assign(node, pod);

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusText text = PrometheusText.scrape(agent.metricsUrl());
            assertThat(text.type("korch_agent_container_starts_total")).isEqualTo("counter");
            assertThat(text.sum("korch_agent_container_starts_total", ofNode)).isGreaterThanOrEqualTo(3);
            assertThat(text.sum("korch_agent_container_restarts_total", ofNode)).isGreaterThanOrEqualTo(1);
            assertThat(text.sum("korch_agent_probe_failures_total", Map.of("node", node, "probe", "readiness")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(text.sum("korch_agent_probe_failures_total", Map.of("node", node, "probe", "liveness")))
                    .isZero();
            assertThat(text.type("jvm_threads_live_threads")).isEqualTo("gauge");
        });
    }
}

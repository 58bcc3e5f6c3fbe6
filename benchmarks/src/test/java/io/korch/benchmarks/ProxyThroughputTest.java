package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.korch.agent.proxy.ProxyMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the node proxy benchmark at a tiny size: wrk and sequential connections through the pod
 * directly, the ClusterIP and the NodePort, each answered without error. Skipped where wrk or Docker with the
 * local image is missing, unless {@code CI=true}, where it fails. It asserts no speed.
 */
class ProxyThroughputTest {

    private static final Path SCRIPTS = Path.of("scripts");

    @Test
    void measuresThePodDirectlyAndThroughTheProxyWithoutErrors() {
        String missing = ProxyThroughput.missing(SCRIPTS);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(missing).as("wrk and Docker with korch/busybox are there (.ci/run installs them)").isEmpty();
        }
        assumeTrue(missing.isEmpty(), missing);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<ProxyThroughput.PathResult> results = ProxyThroughput.run(
                new ProxyThroughput.Options(1, 4, 1, 1, 20, 1, SCRIPTS, ProxyMode.USERSPACE),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(ProxyThroughput.PathResult::path)
                .containsExactly("direct to the pod", "ClusterIP", "NodePort");
        for (ProxyThroughput.PathResult result : results) {
            assertThat(result.errors()).as(result.path()).isZero();
            assertThat(result.rounds()).allMatch(round -> round.requests() > 0);
            assertThat(result.connectMicros()).hasSize(20).isSorted();
            assertThat(result.exchangeMicros()[19]).isGreaterThanOrEqualTo(result.exchangeMicros()[0]);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| ClusterIP |", "| NodePort |");
    }
}

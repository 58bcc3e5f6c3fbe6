package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.korch.benchmarks.ApiThroughput.Options;
import io.korch.benchmarks.ApiThroughput.ServerRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the throughput benchmark at a tiny size: wrk against a gateway process and against
 * etcd, each run answered without error. Skipped where wrk or etcd is not installed
 * ({@code apt-get install wrk etcd-server}) — unless {@code CI=true}, where it fails. It asserts no speed.
 */
class ApiThroughputTest {

    /** The scripts, as the module's tests run from {@code benchmarks/}. */
    private static final Path SCRIPTS = Path.of("scripts");

    @Test
    void measuresKorchAndEtcdWithoutErrors() {
        boolean installed = Wrk.missing(SCRIPTS).isEmpty() && EtcdServer.missing().isEmpty();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as("wrk and etcd are installed (.ci/run installs them)").isTrue();
        }
        assumeTrue(installed, "wrk and etcd are installed");
        // given 1-second runs from 4 connections, 20 requests/s in the fixed-rate run
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when the benchmark runs
        List<ServerRuns> runs = ApiThroughput.run(new Options(1, 1, 4, 20, "512m", "", SCRIPTS, true),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        // then both servers answered every request of every run, and the latencies are ordered
        assertThat(runs).extracting(ServerRuns::server).containsExactly("korch", "etcd");
        for (ServerRuns run : runs) {
            for (Wrk.Result result : List.of(run.fresh(), run.warm(), run.fixedRate())) {
                assertThat(result.requests()).isPositive();
                assertThat(result.errors()).isZero();
                assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50());
                assertThat(result.max()).isGreaterThanOrEqualTo(result.p99());
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| requests/s, warm", "korch / etcd");
    }

    @Test
    void readsTheResultLineOfTheWrkScripts() {
        Wrk.Result result = Wrk.Result.parse("Running 1s test\nRESULT requests=200 duration_us=1000000 bytes=5 "
                + "errors_connect=0 errors_read=1 errors_write=0 errors_status=2 errors_timeout=0 p50_us=1000 "
                + "p90_us=2000 p99_us=3000 p999_us=4000 max_us=5000 mean_us=1200\n");

        assertThat(result.requests()).isEqualTo(200);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.perSecond()).isEqualTo(200.0);
        assertThat(result.p99()).isEqualTo(3000);
    }
}

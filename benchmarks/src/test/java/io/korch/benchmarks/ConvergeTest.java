package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the converge benchmark at a tiny size: four replicas run, are replaced and removed with docker
 * run (one and two containers per replica), Docker Swarm and korch, and the report names each with its ratios. Skipped where Docker with the local
 * image is missing or the engine is in a swarm, unless {@code CI=true}, where it fails. It asserts no speed.
 */
class ConvergeTest {

    @Test
    void timesTheThreeStepsOnEverySystem() {
        String missing = Converge.missing();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(missing).as("Docker with korch/busybox, in no swarm (.ci/run sets it up)").isEmpty();
        }
        assumeTrue(missing.isEmpty(), missing);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<Converge.Result> results = Converge.run(new Converge.Options(4, 4, 2, Duration.ofSeconds(120),
                List.of("docker", "docker-pairs", "swarm", "korch")), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(Converge.Result::system)
                .containsExactly("docker run", "docker run, 2 per replica", "Docker Swarm", "korch");
        assertThat(results).extracting(Converge.Result::starts).containsExactly(4, 8, 4, 8);
        for (Converge.Result result : results) {
            assertThat(List.of(result.converge(), result.update(), result.scaleToZero()))
                    .as(result.system()).allMatch(step -> !step.isNegative() && !step.isZero());
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("| korch | 8 |", "korch / docker run: converge", "korch / Docker Swarm: converge");
        assertThat(SwarmReplicas.inSwarm()).as("the swarm was left").isFalse();
    }
}

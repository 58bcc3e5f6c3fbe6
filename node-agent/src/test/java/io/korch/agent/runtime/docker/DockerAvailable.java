package io.korch.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.korch.agent.runtime.ContainerLabels;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a test that needs Docker runs. Without a reachable daemon (or without the test image) the
 * test is skipped, unless the system property {@code korch.ci} is {@code true} (surefire sets it from the CI
 * environment variable): then it fails with the reason, so CI never passes by skipping.
 */
public final class DockerAvailable {

    /** The image tests run, built by {@code images/busybox/build.sh}. */
    public static final String TEST_IMAGE = "korch/busybox:latest";

    private DockerAvailable() {
    }

    /** A connected Docker runtime that has the test image; skips or fails the calling test otherwise. */
    public static DockerRuntime runtime() {
        DockerRuntime docker = DockerRuntime.connect();
        try {
            docker.ping();
        } catch (RuntimeException e) {
            docker.close();
            unavailable("Docker is not reachable at " + docker.dockerHost() + ": " + e.getMessage());
        }
        try {
            docker.client().inspectImageCmd(TEST_IMAGE).exec();
        } catch (NotFoundException e) {
            docker.close();
            unavailable("the test image " + TEST_IMAGE + " is missing: run images/busybox/build.sh");
        }
        return docker;
    }

    /** Force-removes every container labelled with {@code nodeName}, whatever state the test left it in. */
    public static void removeContainersOf(DockerRuntime docker, String nodeName) {
        List<Container> containers = docker.client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, nodeName))
                .exec();
        for (Container container : containers) {
            docker.remove(container.getId(), Duration.ZERO);
        }
    }

    private static void unavailable(String reason) {
        if ("true".equals(System.getProperty("korch.ci"))) {
            fail(reason + " (korch.ci=true: tests that need Docker must run)");
        }
        assumeTrue(false, reason + "; skipping");
    }
}

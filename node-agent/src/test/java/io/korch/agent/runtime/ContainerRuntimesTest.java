package io.korch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.runtime.process.ProcessRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runtime detection when Docker cannot be reached. */
class ContainerRuntimesTest {

    /** docker-java lets a DOCKER_HOST system property override the environment variable. */
    private static final String DOCKER_HOST = "DOCKER_HOST";

    private final String unreachable = "unix:///tmp/korch-no-docker-" + UUID.randomUUID() + ".sock";
    private String before;

    @BeforeEach
    void pointDockerHostNowhere() {
        before = System.getProperty(DOCKER_HOST);
        System.setProperty(DOCKER_HOST, unreachable);
    }

    @AfterEach
    void restoreDockerHost() {
        if (before == null) {
            System.clearProperty(DOCKER_HOST);
        } else {
            System.setProperty(DOCKER_HOST, before);
        }
    }

    @Test
    void refusesToRunWithoutDockerUnlessTheFallbackIsAllowed() {
        assertThatThrownBy(() -> ContainerRuntimes.detect(false, message -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Docker is not reachable at " + unreachable + ": ")
                .hasMessageContaining("Start dockerd");
    }

    @Test
    void fallsBackToLocalProcessesWithAVisibleWarningWhenAllowed() {
        // given
        List<String> warnings = new ArrayList<>();

        // when
        try (ContainerRuntime runtime = ContainerRuntimes.detect(true, warnings::add)) {

            // then
            assertThat(runtime).isInstanceOf(ProcessRuntime.class);
            assertThat(warnings).singleElement().asString()
                    .startsWith("WARNING: Docker is not reachable at " + unreachable)
                    .doesNotContain("\n");
        }
    }
}

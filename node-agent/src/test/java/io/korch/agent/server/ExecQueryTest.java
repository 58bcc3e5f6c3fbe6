package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.runtime.ExecRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecQueryTest {

    @Test
    void aTtyMergesStandardErrorIntoItsOutput() {
        ExecRequest request = ExecHandler.parse(List.of("sh"), true, true, true, true);

        assertThat(request.stderr()).isFalse();
        assertThat(request.tty()).isTrue();
        assertThat(request.command()).containsExactly("sh");
    }

    @Test
    void refusesWhatTheKubeletRefuses() {
        assertThatThrownBy(() -> ExecHandler.parse(List.of(), false, true, false, false))
                .hasMessage("you must specify at least one command for the container");
        assertThatThrownBy(() -> ExecHandler.parse(List.of("ls"), false, false, false, false))
                .hasMessage("you must specify at least 1 of stdin, stdout, stderr");
    }
}

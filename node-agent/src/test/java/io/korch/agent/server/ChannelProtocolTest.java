package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelProtocolTest {

    @Test
    void aFrameIsTheChannelByteFollowedByTheData() {
        byte[] frame = ChannelProtocol.frame(ChannelProtocol.STDOUT, "hi".getBytes(StandardCharsets.UTF_8));

        assertThat(frame).containsExactly(1, 'h', 'i');
        assertThat(ChannelProtocol.channel(frame)).isEqualTo(1);
        assertThat(ChannelProtocol.data(frame)).containsExactly('h', 'i');
    }

    @Test
    void theCloseSignalNamesTheClosedChannelAfterByte255() {
        byte[] close = ChannelProtocol.closeSignal(ChannelProtocol.STDIN);

        assertThat(ChannelProtocol.channel(close)).isEqualTo(255);
        assertThat(ChannelProtocol.data(close)).containsExactly(0);
    }

    @Test
    void exitStatusesReadBackAsTheirExitCodes() throws Exception {
        assertThat(ChannelProtocol.exitCodeOf(ChannelProtocol.exitStatus(0))).isZero();
        assertThat(ChannelProtocol.exitCodeOf(ChannelProtocol.exitStatus(3))).isEqualTo(3);
    }

    @Test
    void aNonZeroExitIsAFailureWithTheExitCodeCauseAsKubernetesWritesIt() {
        String status = new String(ChannelProtocol.exitStatus(3), StandardCharsets.UTF_8);

        assertThat(status).contains("\"status\":\"Failure\"", "\"reason\":\"NonZeroExitCode\"",
                "\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]");
    }

    @Test
    void aFailureWithoutExitCodeCarriesItsMessage() {
        assertThatThrownBy(() -> ChannelProtocol.exitCodeOf(ChannelProtocol.failureStatus("no such file")))
                .isInstanceOf(ChannelProtocol.ExecFailure.class).hasMessage("no such file");
    }

    @Test
    void resizeMessagesCarryWidthAndHeight() {
        assertThat(ChannelProtocol.parseResize(ChannelProtocol.resize(80, 24))).hasValueSatisfying(size ->
                assertThat(size).containsExactly(80, 24));
        assertThat(ChannelProtocol.parseResize("{\"Width\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ChannelProtocol.parseResize("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}

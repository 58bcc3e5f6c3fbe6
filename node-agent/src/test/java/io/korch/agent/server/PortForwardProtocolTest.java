package io.korch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames, channels and words of Kubernetes' WebSocket port-forward protocol. */
class PortForwardProtocolTest {

    @Test
    void eachPortHasADataChannelAndAnErrorChannel() {
        assertThat(PortForwardProtocol.dataChannel(0)).isZero();
        assertThat(PortForwardProtocol.errorChannel(0)).isOne();
        assertThat(PortForwardProtocol.dataChannel(2)).isEqualTo(4);
        assertThat(PortForwardProtocol.errorChannel(2)).isEqualTo(5);
    }

    @Test
    void theFirstMessageOfAChannelCarriesThePortInTwoLittleEndianBytes() {
        byte[] message = PortForwardProtocol.portMessage(3, 8080);

        assertThat(message).containsExactly(3, 0x90, 0x1f);
        assertThat(PortForwardProtocol.port(PortForwardProtocol.data(message))).isEqualTo(8080);
        assertThat(PortForwardProtocol.port(new byte[] {1})).isEqualTo(-1);
    }

    @Test
    void framesStartWithTheirChannelAndTheCloseSignalNamesTheChannelEnded() {
        assertThat(PortForwardProtocol.frame(2, new byte[] {'h', 'i'})).containsExactly(2, 'h', 'i');
        assertThat(PortForwardProtocol.closeSignal(2)).containsExactly(0xff, 2);
    }

    @Test
    void portsAreReadFromRepeatedAndCommaSeparatedParameters() {
        assertThat(PortForwardProtocol.parsePorts(List.of("8080", "53,9090"))).containsExactly(8080, 53, 9090);
    }

    @Test
    void badPortsAreRefusedInTheKubeletsWords() {
        assertThatThrownBy(() -> PortForwardProtocol.parsePorts(List.of()))
                .hasMessage("query parameter \"ports\" is required");
        assertThatThrownBy(() -> PortForwardProtocol.parsePorts(List.of("")))
                .hasMessage("query parameter \"ports\" cannot be empty");
        assertThatThrownBy(() -> PortForwardProtocol.parsePorts(List.of("http")))
                .hasMessage("unable to parse \"http\" as a port: strconv.ParseUint: parsing \"http\": invalid syntax");
        assertThatThrownBy(() -> PortForwardProtocol.parsePorts(List.of("80,70000")))
                .hasMessage("unable to parse \"80,70000\" as a port: strconv.ParseUint: parsing \"70000\":"
                        + " value out of range");
        assertThatThrownBy(() -> PortForwardProtocol.parsePorts(List.of("0"))).hasMessage("port \"0\" must be > 0");
    }

    @Test
    void aRefusedDialIsReportedAsTheKubeletReportsIt() {
        String reason = PortForwardProtocol.dialError("10.244.0.5", 81,
                new ConnectException("Connection refused: /10.244.0.5:81"));

        assertThat(PortForwardProtocol.forwardError(81, "web_default", "u-1", reason)).isEqualTo(
                "error forwarding port 81 to pod web_default, uid u-1: dial tcp 10.244.0.5:81: connect: connection refused");
    }
}

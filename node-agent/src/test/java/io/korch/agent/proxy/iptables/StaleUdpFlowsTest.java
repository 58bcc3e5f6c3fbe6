package io.korch.agent.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleUdpFlowsTest {

    private static final IptablesPlan.Settings SETTINGS = new IptablesPlan.Settings(ChainNames.forNode("node-1"),
            "127.0.0.1", "10.244.0.0/16", "10.96.0.10");

    @Test
    void anEndpointLeavingAPortTakesTheFlowsDnatedToItOnTheClusterIpAndTheNodePort() {
        Map<String, StaleUdpFlows.UdpPort> before = ports(dns("NodePort", 30053, "10.244.1.2", "10.244.1.3"));
        Map<String, StaleUdpFlows.UdpPort> after = ports(dns("NodePort", 30053, "10.244.1.3"));

        assertThat(StaleUdpFlows.deletions(before, after)).containsExactly(
                List.of("-p", "udp", "--orig-dst", "10.96.0.53", "--orig-port-dst", "53", "--dst-nat", "10.244.1.2"),
                List.of("-p", "udp", "--orig-port-dst", "30053", "--dst-nat", "10.244.1.2"));
    }

    @Test
    void aPortGainingItsFirstEndpointTakesTheFlowsThatWereRejectedBefore() {
        Map<String, StaleUdpFlows.UdpPort> before = ports(dns("NodePort", 30053));
        Map<String, StaleUdpFlows.UdpPort> after = ports(dns("NodePort", 30053, "10.244.1.2"));

        assertThat(StaleUdpFlows.deletions(before, after)).containsExactly(
                List.of("-p", "udp", "--orig-dst", "10.96.0.53", "--orig-port-dst", "53"),
                List.of("-p", "udp", "--orig-port-dst", "30053"));
        assertThat(StaleUdpFlows.deletions(Map.of(), after)).as("a Service new to the agent")
                .hasSize(2);
    }

    @Test
    void aServiceThatGoesTakesTheFlowsToEachOfItsEndpoints() {
        Map<String, StaleUdpFlows.UdpPort> before = ports(dns("ClusterIP", 0, "10.244.1.2", "10.244.1.3"));

        assertThat(StaleUdpFlows.deletions(before, Map.of())).containsExactly(
                List.of("-p", "udp", "--orig-dst", "10.96.0.53", "--orig-port-dst", "53", "--dst-nat", "10.244.1.2"),
                List.of("-p", "udp", "--orig-dst", "10.96.0.53", "--orig-port-dst", "53", "--dst-nat", "10.244.1.3"));
    }

    @Test
    void unchangedEndpointsAnAddedEndpointTcpPortsAndTheClusterDnsTakeNoFlow() {
        Map<String, StaleUdpFlows.UdpPort> before = ports(dns("ClusterIP", 0, "10.244.1.2"));
        Map<String, StaleUdpFlows.UdpPort> after = ports(dns("ClusterIP", 0, "10.244.1.2", "10.244.1.3"));
        ServiceEntry tcp = new ServiceEntry("default", "web", "ClusterIP", "10.96.0.20",
                List.of(new ServiceEntry.Port("http", "TCP", 80, 0, List.of(new Backend("10.244.1.2", 8080)))), 0,
                List.of());
        ServiceEntry clusterDns = new ServiceEntry("kube-system", "kube-dns", "ClusterIP", "10.96.0.10",
                List.of(new ServiceEntry.Port("dns", "UDP", 53, 0, List.of(new Backend("10.244.1.9", 53)))), 0,
                List.of());

        assertThat(StaleUdpFlows.deletions(before, before)).isEmpty();
        assertThat(StaleUdpFlows.deletions(before, after)).isEmpty();
        assertThat(StaleUdpFlows.ports(List.of(tcp, clusterDns), SETTINGS)).isEmpty();
    }

    private static Map<String, StaleUdpFlows.UdpPort> ports(ServiceEntry service) {
        return StaleUdpFlows.ports(List.of(service), SETTINGS);
    }

    private static ServiceEntry dns(String type, int nodePort, String... endpointIPs) {
        List<Backend> backends = Arrays.stream(endpointIPs).map(ip -> new Backend(ip, 5353)).toList();
        return new ServiceEntry("default", "dns", type, "10.96.0.53",
                List.of(new ServiceEntry.Port("dns", "UDP", 53, nodePort, backends)), 0, List.of());
    }
}

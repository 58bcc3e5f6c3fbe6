package io.korch.agent.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.model.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IptablesPlanTest {

    private static final ChainNames NAMES = ChainNames.forNode("node-1");
    private static final IptablesPlan.Settings SETTINGS =
            new IptablesPlan.Settings(NAMES, "127.0.0.1", "10.244.0.0/16", "10.96.0.10");
    private static final String SVC = NAMES.service("default/web:http", "TCP");

    @Test
    void spreadsAServicePortOverItsEndpointsWithKubeProxysRandomProbabilities() {
        IptablesRules rules = IptablesPlan.of(List.of(web("ClusterIP", 0, "TCP",
                backend("10.244.1.2"), backend("10.244.1.3"), backend("10.244.2.4"))), SETTINGS);

        assertThat(rules.rules("nat", NAMES.services())).contains("-A " + NAMES.services()
                + " -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j "
                + SVC);
        assertThat(rules.rules("nat", SVC)).containsExactly(
                "-A " + SVC + " -m comment --comment \"default/web:http\" -j " + NAMES.markMasquerade(),
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.2:8080\" -m statistic --mode random"
                        + " --probability 0.3333333333 -j " + sep("10.244.1.2"),
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.1.3:8080\" -m statistic --mode random"
                        + " --probability 0.5000000000 -j " + sep("10.244.1.3"),
                "-A " + SVC + " -m comment --comment \"default/web:http -> 10.244.2.4:8080\" -j " + sep("10.244.2.4"));
        assertThat(rules.rules("nat", sep("10.244.1.3"))).containsExactly("-A " + sep("10.244.1.3")
                + " -p tcp -m comment --comment \"default/web:http\" -m tcp -j DNAT --to-destination 10.244.1.3:8080");
    }

    @Test
    void clientIpAffinityChecksAndSetsKubeProxysRecentLists() {
        ServiceEntry service = new ServiceEntry("default", "web", "ClusterIP", "10.96.0.20",
                List.of(new ServiceEntry.Port("http", "TCP", 80, 0, List.of(backend("10.244.1.2"), backend("10.244.1.3")))),
                10800, List.of());

        IptablesRules rules = IptablesPlan.of(List.of(service), SETTINGS);

        String first = sep("10.244.1.2");
        assertThat(rules.rules("nat", SVC)).element(1).isEqualTo("-A " + SVC
                + " -m comment --comment \"default/web:http -> 10.244.1.2:8080\" -m recent --name " + first
                + " --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j " + first);
        assertThat(rules.rules("nat", first)).containsExactly("-A " + first + " -p tcp -m comment --comment"
                + " \"default/web:http\" -m recent --name " + first + " --mask 255.255.255.255 --rsource --set -m tcp"
                + " -j DNAT --to-destination 10.244.1.2:8080");
    }

    @Test
    void aPortWithoutEndpointsIsRejectedAtOnceOnItsClusterIpAndNodePort() {
        IptablesRules rules = IptablesPlan.of(List.of(web("NodePort", 30080, "TCP"), dns("UDP")), SETTINGS);

        assertThat(rules.rules("filter", NAMES.services())).containsExactly(
                "-A " + NAMES.services() + " -d 10.96.0.53/32 -p udp -m comment --comment \"default/coredns:dns has no"
                        + " endpoints\" -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable",
                "-A " + NAMES.services() + " -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http has no"
                        + " endpoints\" -m tcp --dport 80 -j REJECT --reject-with tcp-reset",
                "-A " + NAMES.services() + " -d 127.0.0.1/32 -p tcp -m comment --comment \"default/web:http has no"
                        + " endpoints\" -m tcp --dport 30080 -j REJECT --reject-with tcp-reset");
        assertThat(rules.chains("nat").keySet()).noneMatch(chain -> chain.contains("-SVC-"));
    }

    @Test
    void udpPortsAreDnatedLikeTcpOnes() {
        IptablesRules rules = IptablesPlan.of(List.of(dns("UDP", backend("10.244.1.9"))), SETTINGS);

        String svc = NAMES.service("default/coredns:dns", "UDP");
        assertThat(rules.rules("nat", NAMES.services())).contains("-A " + NAMES.services() + " -d 10.96.0.53/32 -p udp"
                + " -m comment --comment \"default/coredns:dns cluster IP\" -m udp --dport 53 -j " + svc);
        assertThat(rules.rules("nat", NAMES.endpoint("default/coredns:dns", "UDP", backend("10.244.1.9"))))
                .singleElement().asString().endsWith("-p udp -m comment --comment \"default/coredns:dns\" -m udp -j DNAT"
                        + " --to-destination 10.244.1.9:8080");
    }

    @Test
    void nodePortsJumpToTheServicePortsChainFromTheNodesAddress() {
        IptablesRules rules = IptablesPlan.of(List.of(web("NodePort", 30080, "TCP", backend("10.244.1.2"))), SETTINGS);

        assertThat(rules.rules("nat", NAMES.nodePorts())).containsExactly("-A " + NAMES.nodePorts()
                + " -p tcp -m comment --comment \"default/web:http\" -m tcp --dport 30080 -j " + SVC);
        assertThat(rules.rules("nat", NAMES.services())).last().isEqualTo("-A " + NAMES.services()
                + " -d 127.0.0.1/32 -m comment --comment \"korch service nodeports\" -j " + NAMES.nodePorts());
    }

    @Test
    void marksServiceTrafficAndMasqueradesItSoHairpinsAndLocalhostComeBackThroughConntrack() {
        IptablesRules rules = IptablesPlan.of(List.of(), SETTINGS);

        assertThat(rules.rules("nat", NAMES.markMasquerade())).containsExactly(
                "-A " + NAMES.markMasquerade() + " -j MARK --or-mark 0x4000");
        assertThat(rules.rules("nat", NAMES.postrouting())).containsExactly(
                "-A " + NAMES.postrouting() + " -m mark ! --mark 0x4000/0x4000 -j RETURN",
                "-A " + NAMES.postrouting() + " -j MARK --xor-mark 0x4000",
                "-A " + NAMES.postrouting() + " -m comment --comment \"korch service traffic requiring SNAT\""
                        + " -j MASQUERADE");
        assertThat(rules.rules("filter", NAMES.firewall())).singleElement().asString()
                .contains("! -s 127.0.0.0/8 -d 127.0.0.0/8").endsWith("! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
    }

    @Test
    void neverRewritesTheClusterDnsNorTargetsAnythingOffThePodNetwork() {
        ServiceEntry onDnsAddress = new ServiceEntry("kube-system", "kube-dns", "ClusterIP", "10.96.0.10",
                List.of(new ServiceEntry.Port("dns", "UDP", 53, 0, List.of(backend("10.244.1.2")))), 0, List.of());
        ServiceEntry hostNetwork = web("ClusterIP", 0, "TCP", new Backend("127.0.0.1", 8080));

        IptablesRules rules = IptablesPlan.of(List.of(onDnsAddress, hostNetwork), SETTINGS);

        assertThat(rules.rules("nat", NAMES.services()).get(0)).isEqualTo("-A " + NAMES.services()
                + " -d 10.96.0.10/32 -m comment --comment \"cluster DNS, answered by the agents\" -j RETURN");
        assertThat(rules.toString()).doesNotContain("-j DNAT").doesNotContain("10.96.0.20");
        assertThat(IptablesPlan.carries(hostNetwork.ports().get(0), Cidr.parse("10.244.0.0/16"))).isFalse();
        assertThat(IptablesPlan.carries(new ServiceEntry.Port("s", "SCTP", 9, 0, List.of()),
                Cidr.parse("10.244.0.0/16"))).isFalse();
    }

    @Test
    void aChangeOfOneServicesEndpointsRewritesOnlyItsOwnChainsAndDeletesTheGoneOnes() {
        IptablesRules before = IptablesPlan.of(List.of(web("ClusterIP", 0, "TCP", backend("10.244.1.2"),
                backend("10.244.1.3")), dns("UDP", backend("10.244.1.9"))), SETTINGS);
        IptablesRules after = IptablesPlan.of(List.of(web("ClusterIP", 0, "TCP", backend("10.244.1.2")),
                dns("UDP", backend("10.244.1.9"))), SETTINGS);

        String input = after.restoreInput(before, Map.of());

        assertThat(input).isEqualTo("*nat\n"
                + ":" + SVC + " - [0:0]\n"
                + ":" + sep("10.244.1.3") + " - [0:0]\n"
                + String.join("\n", after.rules("nat", SVC)) + "\n"
                + "-X " + sep("10.244.1.3") + "\n"
                + "COMMIT\n");
        assertThat(after.restoreInput(after, Map.of())).isEmpty();
    }

    @Test
    void everyAgentHasChainsOfItsOwnWithinIptablesNameLength() {
        ChainNames other = ChainNames.forNode("node-2");

        assertThat(other.tag()).isNotEqualTo(NAMES.tag()).matches("[a-z2-7]{4}");
        assertThat(ChainNames.tagOf(NAMES.services())).isEqualTo(NAMES.tag());
        assertThat(ChainNames.tagOf("KORCH-PODS-INPUT")).isNull();
        assertThat(List.of(NAMES.postrouting(), SVC, sep("10.244.255.255"))).allMatch(name -> name.length() <= 28);
    }

    private static String sep(String ip) {
        return NAMES.endpoint("default/web:http", "TCP", backend(ip));
    }

    private static Backend backend(String ip) {
        return new Backend(ip, 8080);
    }

    private static ServiceEntry web(String type, int nodePort, String protocol, Backend... backends) {
        return new ServiceEntry("default", "web", type, "10.96.0.20",
                List.of(new ServiceEntry.Port("http", protocol, 80, nodePort, List.of(backends))), 0, List.of());
    }

    private static ServiceEntry dns(String protocol, Backend... backends) {
        return new ServiceEntry("default", "coredns", "ClusterIP", "10.96.0.53",
                List.of(new ServiceEntry.Port("dns", protocol, 53, 0, List.of(backends))), 0, List.of());
    }
}

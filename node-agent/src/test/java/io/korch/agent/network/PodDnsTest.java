package io.korch.agent.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
import io.korch.testkit.Pods;
import org.junit.jupiter.api.Test;

/** The resolver and hosts files of pods, as the kubelet writes them. */
class PodDnsTest {

    private static final String LOCALHOST_LINES = """
            # Kubernetes-managed hosts file.
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters
            """;

    @Test
    void aClusterFirstPodResolvesThroughTheClusterDnsWithKubernetesSearchDomains() {
        // given
        Pod pod = Pods.pod("web").namespace("shop").build();

        // when
        String resolvConf = PodDns.resolvConf(pod);

        // then
        assertThat(resolvConf).isEqualTo("""
                nameserver 10.96.0.10
                search shop.svc.cluster.local svc.cluster.local cluster.local
                options ndots:5
                """);
    }

    @Test
    void aDefaultPodGetsNoNameserverAsNothingIsForwardedOffTheMachine() {
        // given
        Pod pod = with(Pods.pod("web").build(), "Default", false);

        // when
        String resolvConf = PodDns.resolvConf(pod);

        // then
        assertThat(resolvConf.lines()).isNotEmpty().allMatch(line -> line.startsWith("#"));
    }

    @Test
    void aHostNetworkPodIsDefaultUnlessItAsksForClusterFirstWithHostNet() {
        // given
        Pod plain = with(Pods.pod("a").build(), null, true);
        Pod clusterFirst = with(Pods.pod("b").build(), "ClusterFirst", true);
        Pod withHostNet = with(Pods.pod("c").build(), "ClusterFirstWithHostNet", true);

        // then
        assertThat(PodDns.effectivePolicy(plain)).isEqualTo(PodDns.DEFAULT);
        assertThat(PodDns.effectivePolicy(clusterFirst)).isEqualTo(PodDns.DEFAULT);
        assertThat(PodDns.effectivePolicy(withHostNet)).isEqualTo(PodDns.CLUSTER_FIRST);
        assertThat(PodDns.resolvConf(withHostNet)).contains("nameserver 10.96.0.10");
    }

    @Test
    void clusterFirstWithHostNetOfAPodOnThePodNetworkIsClusterFirst() {
        assertThat(PodDns.effectivePolicy(with(Pods.pod("a").build(), "ClusterFirstWithHostNet", false)))
                .isEqualTo(PodDns.CLUSTER_FIRST);
        assertThat(PodDns.resolvConf(with(Pods.pod("a").build(), "None", false))).isEmpty();
    }

    @Test
    void theHostsFileNamesThePodByItsNameAtItsAddress() {
        // given
        Pod pod = Pods.pod("web-1").build();

        // when
        String hosts = PodDns.hosts(pod, "10.244.3.7");

        // then
        assertThat(hosts).isEqualTo(LOCALHOST_LINES + "10.244.3.7\tweb-1\n");
    }

    @Test
    void theHostsFileNamesThePodByItsHostnameAndFullyQualifiedNameWithASubdomain() {
        // given
        Pod pod = Pods.pod("web-1").namespace("shop").build();
        pod.getSpec().setHostname("db-0");
        pod.getSpec().setSubdomain("db");

        // when
        String hosts = PodDns.hosts(pod, "10.244.3.7");

        // then
        assertThat(hosts).isEqualTo(LOCALHOST_LINES + "10.244.3.7\tdb-0.db.shop.svc.cluster.local\tdb-0\n");
        assertThat(PodDns.hostname(pod)).isEqualTo("db-0");
    }

    @Test
    void aLongPodNameIsCutToAHostnameOfSixtyThreeCharacters() {
        // given: 62 characters, a dash, then more
        Pod pod = Pods.pod("a".repeat(62) + "-" + "b".repeat(10)).build();

        // when
        String hostname = PodDns.hostname(pod);

        // then
        assertThat(hostname).isEqualTo("a".repeat(62));
    }

    private static Pod with(Pod pod, String dnsPolicy, boolean hostNetwork) {
        pod.getSpec().setDnsPolicy(dnsPolicy);
        pod.getSpec().setHostNetwork(hostNetwork);
        return pod;
    }
}

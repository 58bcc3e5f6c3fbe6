package io.korch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.korch.agent.proxy.ProxyMode;
import io.korch.agent.proxy.ServiceCidrRoute;
import io.korch.agent.proxy.iptables.IptablesProxier;
import io.korch.model.ClusterNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the Service change benchmark at a tiny size: every change reaches the proxy or DNS, and the
 * latencies are ordered. Needs root for the local route of the Service network. It asserts no speed.
 */
class ServiceChangeLatencyTest {

    @Test
    void everyChangeReachesTheProxyOrDns() {
        boolean routable = routable();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(routable).as("the Service network can be routed locally (CI runs as root)").isTrue();
        }
        assumeTrue(routable, "the Service network can be routed locally (needs root)");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ServiceChangeLatency.Report report = ServiceChangeLatency.run(new ServiceChangeLatency.Options(20, 3, 30, ProxyMode.USERSPACE),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(report.missed()).isZero();
        assertThat(report.listeners()).isEqualTo(10);
        assertThat(report.proxyMicros().length + report.dnsMicros().length).isEqualTo(30);
        for (long[] micros : new long[][] {report.proxyMicros(), report.dnsMicros()}) {
            assertThat(micros).isSorted();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| node proxy", "| DNS");
    }

    @Test
    void everyChangeReachesTheIptablesRulesInTheIptablesMode() {
        assumeTrue(routable() && IptablesProxier.usable(), "iptables can be used (needs root)");

        ServiceChangeLatency.Report report = ServiceChangeLatency.run(
                new ServiceChangeLatency.Options(20, 3, 30, ProxyMode.IPTABLES),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(report.missed()).isZero();
        assertThat(report.proxyMicros().length + report.dnsMicros().length).isEqualTo(30);
        assertThat(report.proxyMicros()).isSorted();
    }

    private static boolean routable() {
        ServiceCidrRoute route = new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR);
        if (route.present()) {
            return true;
        }
        route.ensure();
        boolean present = route.present();
        route.close();
        return present;
    }
}

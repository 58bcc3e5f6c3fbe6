package io.korch.agent.proxy;

import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.korch.agent.ClusterFixture;
import io.korch.agent.proxy.EchoBackends.Echo;
import io.korch.model.ClusterNetwork;
import io.korch.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The node's Service network against a real broker: Services and EndpointSlices written to their topics reach
 * the proxy and DNS, which serve on the locally routed Service network.
 */
class ServiceNetworkBrokerTest {

    private static final String WEB_IP = "10.96.201.1";
    private static final InetSocketAddress DNS = new InetSocketAddress("10.96.201.53", 53);

    private final ClusterFixture cluster = new ClusterFixture();
    private final EchoBackends backends = new EchoBackends();
    private boolean routedBefore;
    private ServiceNetwork network;

    @BeforeEach
    void start() {
        routedBefore = new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR).present();
        network = ServiceNetwork.start(cluster.bootstrapServers(), "node-1",
                new ServiceNetwork.Settings("127.0.0.1", DNS, ClusterNetwork.SERVICE_CIDR, 1), Duration.ofSeconds(30));
        assumeTrue(new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR).present(),
                "the Service network can be routed locally (needs root)");
    }

    @AfterEach
    void stop() throws IOException {
        if (network != null) {
            network.close();
        }
        backends.close();
        cluster.close();
    }

    @Test
    void servicesAndSlicesFromTheTopicsReachTheProxyAndDns() throws Exception {
        Echo a = backends.start("a");
        cluster.publish(Topics.SERVICES, "shop/web", service("shop", "web").clusterIP(WEB_IP).port("http", 80).build());
        cluster.publish(Topics.ENDPOINT_SLICES, "shop/web-abc",
                slice("shop", "web", "web-abc").port("http", a.port()).ready("127.0.0.1").build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(addresses(ask("web.shop.svc.cluster.local.", false))).containsExactly(WEB_IP));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "a".equals(exchange(WEB_IP, 80)));
        assertThat(addresses(ask("web.shop.svc.cluster.local.", true))).containsExactly(WEB_IP);

        cluster.publish(Topics.ENDPOINT_SLICES, "shop/web-abc",
                slice("shop", "web", "web-abc").port("http", a.port()).notReady("127.0.0.1").build());

        await().atMost(Duration.ofSeconds(10)).until(() -> refused(WEB_IP, 80));
    }

    @Test
    void aHeadlessServiceFollowsItsReadyEndpointsAndADeletedServiceIsNxdomain() throws Exception {
        cluster.publish(Topics.SERVICES, "shop/db", service("shop", "db").headless().port("sql", 5432).build());
        cluster.publish(Topics.ENDPOINT_SLICES, "shop/db-abc", slice("shop", "db", "db-abc").port("sql", 5432)
                .endpoint("10.244.1.7", true, "db-0").endpoint("10.244.1.8", true, "db-1").build());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                addresses(ask("db.shop.svc.cluster.local.", false))).containsExactlyInAnyOrder("10.244.1.7",
                "10.244.1.8"));
        assertThat(addresses(ask("db-1.db.shop.svc.cluster.local.", false))).containsExactly("10.244.1.8");

        cluster.publish(Topics.ENDPOINT_SLICES, "shop/db-abc", slice("shop", "db", "db-abc").port("sql", 5432)
                .endpoint("10.244.1.7", true, "db-0").endpoint("10.244.1.8", false, "db-1").build());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                addresses(ask("db.shop.svc.cluster.local.", false))).containsExactly("10.244.1.7"));

        cluster.publish(Topics.SERVICES, "shop/db", null);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ask("db.shop.svc.cluster.local.", false).getRcode() == Rcode.NXDOMAIN);
    }

    @Test
    void theServiceNetworkIsLocalWhileRunningAndRemovedAtAStopUnlessRoutedBefore() throws Exception {
        assertThat(routeGet("10.96.123.45")).startsWith("local 10.96.123.45");

        network.close();
        network = null;

        if (!routedBefore) {
            assertThat(routeGet("10.96.123.45")).doesNotStartWith("local");
        }
    }

    private static Message ask(String name, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(DNS);
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    private static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    private static String exchange(String ip, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return line == null ? null : line.substring(0, line.indexOf(':'));
        }
    }

    private static boolean refused(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2000);
            return false;
        } catch (java.net.ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String routeGet(String address) throws Exception {
        Process process = new ProcessBuilder("ip", "route", "get", address).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.strip();
    }
}

package io.korch.agent.proxy;

import static io.korch.agent.services.ServiceFixtures.key;
import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.korch.agent.network.HostPorts.HostPortMapping;
import io.korch.agent.proxy.EchoBackends.Echo;
import io.korch.agent.services.ServiceCatalog;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import io.korch.model.ClusterNetwork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node proxy on real sockets: ClusterIPs of the Service network (routed locally for the test) and node ports
 * on 127.0.0.1, forwarding to endpoints on 127.0.0.1.
 */
class NodeProxySocketTest {

    private static final String IP = "10.96.200.1";
    private static final int PORT = 80;
    private static ServiceCidrRoute route;
    private static boolean routedBefore;

    private final ServiceCatalog catalog = new ServiceCatalog();
    private final EchoBackends backends = new EchoBackends();
    private NodeProxy proxy;

    @BeforeAll
    static void routeTheServiceNetwork() {
        route = new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR);
        routedBefore = route.present();
        route.ensure();
        assumeTrue(route.present(), "the Service network can be routed locally (needs root)");
    }

    @AfterAll
    static void removeTheRoute() {
        if (route != null && !routedBefore) {
            route.close();
            assertThat(route.present()).isFalse();
        }
    }

    @BeforeEach
    void startProxy() {
        proxy = new NodeProxy(catalog, "127.0.0.1", 2, "test-proxy");
        catalog.addListener(proxy);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        backends.close();
    }

    @Test
    void connectionsToAClusterIPAreSpreadOverEveryReadyEndpoint() throws IOException {
        Echo a = backends.start("a");
        Echo b = backends.start("b");
        Echo c = backends.start("c");
        publish(web(), sliceOf("web-a", a), sliceOf("web-b", b), sliceOf("web-c", c));

        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            reached.add(exchange(IP, PORT));
        }

        assertThat(reached).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aServiceWithoutReadyEndpointsRefusesAtOnce() throws IOException {
        Echo a = backends.start("a");
        publish(web(), slice("shop", "web", "web-a").port("http", a.port()).notReady("127.0.0.1").build());

        long start = System.nanoTime();
        assertThatThrownBy(() -> exchange(IP, PORT)).isInstanceOf(ConnectException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anEndpointThatLeavesGetsNoNewConnectionButItsOpenOneGoesOn() throws IOException {
        Echo a = backends.start("a");
        Echo b = backends.start("b");
        publish(web(), sliceOf("web-a", a), sliceOf("web-b", b));
        try (Socket open = connect(IP, PORT)) {
            String first = send(open, "1");
            Echo leaving = first.equals("a") ? a : b;

            catalog.apply(Map.of(), nulled("shop/web-" + leaving.name()));

            for (int i = 0; i < 6; i++) {
                assertThat(exchange(IP, PORT)).isNotEqualTo(leaving.name());
            }
            assertThat(send(open, "2")).isEqualTo(leaving.name());
        }
    }

    @Test
    void whenTheLastEndpointLeavesConnectionsAreRefused() throws IOException {
        Echo a = backends.start("a");
        publish(web(), sliceOf("web-a", a));
        assertThat(exchange(IP, PORT)).isEqualTo("a");

        catalog.apply(Map.of(), nulled("shop/web-a"));

        assertThatThrownBy(() -> exchange(IP, PORT)).isInstanceOf(ConnectException.class);
        assertThat(proxy.listening()).isEmpty();
    }

    @Test
    void anEndpointThatRefusesIsSkippedForAnother() throws IOException {
        Echo a = backends.start("a");
        int closed = freePort();
        publish(web(), sliceOf("web-a", a),
                slice("shop", "web", "web-dead").port("http", closed).ready("127.0.0.1").build());

        for (int i = 0; i < 6; i++) {
            assertThat(exchange(IP, PORT)).isEqualTo("a");
        }
    }

    @Test
    void aNodePortServiceIsReachedOnTheNodesAddressToo() throws IOException {
        Echo a = backends.start("a");
        int nodePort = freePort();
        Service web = service("shop", "web").type("NodePort").clusterIP(IP).port("http", PORT, "TCP", nodePort).build();
        publish(web, sliceOf("web-a", a));

        assertThat(exchange("127.0.0.1", nodePort)).isEqualTo("a");
        assertThat(exchange(IP, PORT)).isEqualTo("a");
    }

    @Test
    void withClientIPAffinityEveryConnectionOfAClientGoesToOneEndpoint() throws IOException {
        Echo a = backends.start("a");
        Echo b = backends.start("b");
        Echo c = backends.start("c");
        Service web = service("shop", "web").clusterIP(IP).port("http", PORT).clientIPAffinity(null).build();
        publish(web, sliceOf("web-a", a), sliceOf("web-b", b), sliceOf("web-c", c));

        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            reached.add(exchange(IP, PORT));
        }

        assertThat(reached).hasSize(1);
    }

    @Test
    void aPodsHostPortForwardsToItsContainerPortUntilClosed() throws IOException {
        Echo pod = backends.start("pod");
        int hostPort = freePort();

        proxy.open("shop/web-0", List.of(new HostPortMapping(hostPort, "TCP", "127.0.0.1", pod.port())));
        assertThat(exchange("127.0.0.1", hostPort)).isEqualTo("pod");

        proxy.close("shop/web-0");
        assertThatThrownBy(() -> exchange("127.0.0.1", hostPort)).isInstanceOf(ConnectException.class);
    }

    @Test
    void largeTransfersAndHalfClosesPassBothWays() throws IOException {
        int port;
        try (ServerSocket sink = new ServerSocket()) {
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            port = sink.getLocalPort();
            Thread server = new Thread(() -> {
                try (Socket s = sink.accept()) {
                    byte[] all = s.getInputStream().readAllBytes();
                    s.getOutputStream().write(("" + all.length).getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.setDaemon(true);
            server.start();
            publish(web(), slice("shop", "web", "web-a").port("http", port).ready("127.0.0.1").build());

            try (Socket client = connect(IP, PORT)) {
                byte[] payload = new byte[5 * 1024 * 1024];
                client.getOutputStream().write(payload);
                client.shutdownOutput();
                String count = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(count).isEqualTo(Integer.toString(payload.length));
            }
        }
    }

    private static Service web() {
        return service("shop", "web").clusterIP(IP).port("http", PORT).build();
    }

    private static EndpointSlice sliceOf(String name, Echo echo) {
        return slice("shop", "web", name).port("http", echo.port()).ready("127.0.0.1").build();
    }

    private void publish(Service service, EndpointSlice... slices) {
        Map<String, EndpointSlice> byKey = new HashMap<>();
        for (EndpointSlice slice : slices) {
            byKey.put(key(slice), slice);
        }
        catalog.apply(Map.of(key(service), service), byKey);
    }

    private static Map<String, EndpointSlice> nulled(String key) {
        Map<String, EndpointSlice> map = new HashMap<>();
        map.put(key, null);
        return map;
    }

    /** Connects, sends one line, and gives the name of the endpoint that answered. */
    private static String exchange(String ip, int port) throws IOException {
        try (Socket socket = connect(ip, port)) {
            return send(socket, "hello");
        }
    }

    private static Socket connect(String ip, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(ip, port), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String send(Socket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String answer = in.readLine();
        assertThat(answer).endsWith(":" + line);
        return answer.substring(0, answer.indexOf(':'));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

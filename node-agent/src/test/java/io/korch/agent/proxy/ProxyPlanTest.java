package io.korch.agent.proxy;

import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.network.HostPorts.HostPortMapping;
import io.korch.agent.services.ServiceEntries;
import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyPlanTest {

    private static final String NODE_IP = "127.0.0.1";

    @Test
    void aClusterIPPortWithReadyEndpointsIsListenedOnAtTheClusterIP() {
        ServiceEntry web = entry(service("shop", "web").clusterIP("10.96.0.20").port("http", 80).build(),
                slice("shop", "web", "web-a").port("http", 8080).ready("10.244.1.2", "10.244.1.3").build());

        Map<ListenAddress, ForwardTarget> plan = ProxyPlan.of(List.of(web), NODE_IP, Map.of());

        assertThat(plan).containsOnlyKeys(new ListenAddress("10.96.0.20", 80, "TCP"));
        ForwardTarget target = plan.get(new ListenAddress("10.96.0.20", 80, "TCP"));
        assertThat(target.name()).isEqualTo("shop/web:http");
        assertThat(target.backends()).containsExactly(new Backend("10.244.1.2", 8080), new Backend("10.244.1.3", 8080));
        assertThat(target.affinityTimeoutSeconds()).isZero();
    }

    @Test
    void aPortWithoutReadyEndpointsIsNotListenedOnSoConnectionsAreRefused() {
        ServiceEntry web = entry(service("shop", "web").clusterIP("10.96.0.20").port("http", 80).port("admin", 81)
                        .build(),
                slice("shop", "web", "web-a").port("http", 8080).port("admin", 8081).notReady("10.244.1.2").build());
        ServiceEntry lonely = entry(service("shop", "lonely").clusterIP("10.96.0.21").port("http", 80).build(),
                slice("shop", "lonely", "lonely-a").port("admin", 8081).ready("10.244.1.5").build());

        assertThat(ProxyPlan.of(List.of(web, lonely), NODE_IP, Map.of())).isEmpty();
    }

    @Test
    void aNodePortServiceIsAlsoListenedOnAtTheNodesAddress() {
        ServiceEntry web = entry(service("shop", "web").type("NodePort").clusterIP("10.96.0.20")
                        .port("http", 80, "TCP", 30080).build(),
                slice("shop", "web", "web-a").port("http", 8080).ready("10.244.1.2").build());

        Map<ListenAddress, ForwardTarget> plan = ProxyPlan.of(List.of(web), NODE_IP, Map.of());

        assertThat(plan).containsOnlyKeys(new ListenAddress("10.96.0.20", 80, "TCP"),
                new ListenAddress(NODE_IP, 30080, "TCP"));
        assertThat(plan.get(new ListenAddress(NODE_IP, 30080, "TCP")))
                .isEqualTo(plan.get(new ListenAddress("10.96.0.20", 80, "TCP")));
    }

    @Test
    void headlessServicesAndServicesWithoutClusterIPAreNotProxied() {
        EndpointSlice ready = slice("shop", "db", "db-a").port("sql", 5432).ready("10.244.1.2").build();
        ServiceEntry headless = entry(service("shop", "db").headless().port("sql", 5432).build(), ready);
        ServiceEntry pending = entry(service("shop", "db").port("sql", 5432).build(), ready);

        assertThat(ProxyPlan.of(List.of(headless), NODE_IP, Map.of())).isEmpty();
        assertThat(ProxyPlan.of(List.of(pending), NODE_IP, Map.of())).isEmpty();
    }

    @Test
    void clientIPAffinityIsCarriedToTheTarget() {
        ServiceEntry web = entry(service("shop", "web").clusterIP("10.96.0.20").port("http", 80).clientIPAffinity(60)
                .build(), slice("shop", "web", "web-a").port("http", 8080).ready("10.244.1.2").build());

        assertThat(ProxyPlan.of(List.of(web), NODE_IP, Map.of()).values())
                .extracting(ForwardTarget::affinityTimeoutSeconds).containsExactly(60);
    }

    @Test
    void hostPortsAreListenedOnAtTheNodesAddressAndUdpIsLeftOut() {
        Map<String, List<HostPortMapping>> hostPorts = Map.of("shop/web-0", List.of(
                new HostPortMapping(8080, "TCP", "10.244.1.7", 80),
                new HostPortMapping(5353, "UDP", "10.244.1.7", 53)));

        Map<ListenAddress, ForwardTarget> plan = ProxyPlan.of(List.of(), NODE_IP, hostPorts);

        assertThat(plan).containsOnlyKeys(new ListenAddress(NODE_IP, 8080, "TCP"));
        assertThat(plan.get(new ListenAddress(NODE_IP, 8080, "TCP")).backends())
                .containsExactly(new Backend("10.244.1.7", 80));
    }

    private static ServiceEntry entry(Service service, EndpointSlice... slices) {
        return ServiceEntries.of(service, List.of(slices));
    }
}

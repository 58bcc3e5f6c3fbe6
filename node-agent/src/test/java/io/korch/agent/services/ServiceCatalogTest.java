package io.korch.agent.services;

import static io.korch.agent.services.ServiceFixtures.key;
import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {

    private final ServiceCatalog catalog = new ServiceCatalog();
    private final List<Set<String>> told = new ArrayList<>();
    private final Service web = service("shop", "web").clusterIP("10.96.0.20").port("http", 80).build();

    ServiceCatalogTest() {
        catalog.addListener(told::add);
    }

    @Test
    void aSliceThatArrivesBeforeItsServiceIsJoinedWhenTheServiceComes() {
        EndpointSlice slice = slice("shop", "web", "web-abc").port("http", 8080).ready("10.244.1.2").build();
        catalog.apply(Map.of(), Map.of(key(slice), slice));
        assertThat(catalog.entry("shop/web")).isEmpty();

        catalog.apply(Map.of(key(web), web), Map.of());

        assertThat(catalog.entry("shop", "web").orElseThrow().ports().get(0).backends()).hasSize(1);
        assertThat(told).containsExactly(Set.of("shop/web"));
    }

    @Test
    void aDeletedSliceOrServiceLeavesTheCatalogAndListenersAreTold() {
        EndpointSlice slice = slice("shop", "web", "web-abc").port("http", 8080).ready("10.244.1.2").build();
        catalog.apply(Map.of(key(web), web), Map.of(key(slice), slice));

        catalog.apply(Map.of(), nullValue(key(slice)));
        assertThat(catalog.entry("shop/web").orElseThrow().ports().get(0).backends()).isEmpty();

        catalog.apply(nullValue(key(web)), Map.of());
        assertThat(catalog.entry("shop/web")).isEmpty();
        assertThat(catalog.inNamespace("shop")).isEmpty();
        assertThat(told).hasSize(3).allMatch(keys -> keys.equals(Set.of("shop/web")));
    }

    @Test
    void aSliceRelabelledToAnotherServiceMovesItsEndpoints() {
        Service api = service("shop", "api").clusterIP("10.96.0.21").port("http", 80).build();
        EndpointSlice slice = slice("shop", "web", "shared").port("http", 8080).ready("10.244.1.2").build();
        catalog.apply(Map.of(key(web), web, key(api), api), Map.of(key(slice), slice));

        EndpointSlice moved = slice("shop", "api", "shared").port("http", 8080).ready("10.244.1.2").build();
        catalog.apply(Map.of(), Map.of(key(moved), moved));

        assertThat(catalog.entry("shop/web").orElseThrow().ports().get(0).backends()).isEmpty();
        assertThat(catalog.entry("shop/api").orElseThrow().ports().get(0).backends()).hasSize(1);
        assertThat(told.get(1)).containsExactlyInAnyOrder("shop/web", "shop/api");
    }

    @Test
    void anUnchangedRecordTellsNoListener() {
        catalog.apply(Map.of(key(web), web), Map.of());
        catalog.apply(Map.of(key(web), web), Map.of());

        assertThat(told).hasSize(1);
    }

    private static <V> Map<String, V> nullValue(String key) {
        Map<String, V> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}

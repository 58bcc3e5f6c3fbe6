package io.korch.agent.services;

import static io.korch.agent.services.ServiceFixtures.service;
import static io.korch.agent.services.ServiceFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.agent.services.ServiceEntry.ReadyEndpoint;
import io.korch.api.Endpoint;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceEntriesTest {

    private final Service web = service("shop", "web").clusterIP("10.96.0.20").port("http", 80).port("metrics", 9090)
            .build();

    @Test
    void eachServicePortIsServedByTheSlicePortOfItsNameAtThePodsPort() {
        EndpointSlice slice = slice("shop", "web", "web-abc").port("http", 8080).port("metrics", 9100)
                .ready("10.244.1.2", "10.244.1.3").build();

        ServiceEntry entry = ServiceEntries.of(web, List.of(slice));

        assertThat(entry.ports()).extracting(ServiceEntry.Port::name).containsExactly("http", "metrics");
        assertThat(entry.ports().get(0).backends())
                .containsExactly(new Backend("10.244.1.2", 8080), new Backend("10.244.1.3", 8080));
        assertThat(entry.ports().get(1).backends())
                .containsExactly(new Backend("10.244.1.2", 9100), new Backend("10.244.1.3", 9100));
    }

    @Test
    void onlyReadyEndpointsCountAndAnUnsetReadyCountsAsReady() {
        EndpointSlice slice = slice("shop", "web", "web-abc").port("http", 8080)
                .ready("10.244.1.2").notReady("10.244.1.3").endpoint("10.244.1.4", null, null).build();
        EndpointSlice noConditions = EndpointSlice.newBuilder(slice("shop", "web", "web-def").port("http", 8080).build())
                .setEndpoints(List.of(Endpoint.newBuilder().setAddresses(List.of("10.244.1.5")).build())).build();

        ServiceEntry entry = ServiceEntries.of(web, List.of(slice, noConditions));

        assertThat(entry.ports().get(0).backends()).extracting(Backend::ip)
                .containsExactly("10.244.1.2", "10.244.1.4", "10.244.1.5");
        assertThat(entry.endpoints()).extracting(ReadyEndpoint::address)
                .containsExactly("10.244.1.2", "10.244.1.4", "10.244.1.5");
    }

    @Test
    void aSlicePortOfAnotherNameServesNothingAndAnAddressInTwoSlicesCountsOnce() {
        EndpointSlice other = slice("shop", "web", "web-abc").port("https", 8443).ready("10.244.1.2").build();
        EndpointSlice first = slice("shop", "web", "web-def").port("http", 8080).ready("10.244.1.3").build();
        EndpointSlice again = slice("shop", "web", "web-ghi").port("http", 8080).ready("10.244.1.3").build();

        ServiceEntry entry = ServiceEntries.of(web, List.of(other, first, again));

        assertThat(entry.ports().get(0).backends()).containsExactly(new Backend("10.244.1.3", 8080));
        assertThat(entry.ports().get(1).backends()).isEmpty();
    }

    @Test
    void anUnnamedPortMatchesTheUnnamedSlicePort() {
        Service single = service("shop", "db").clusterIP("10.96.0.30").port(null, 5432).build();
        EndpointSlice slice = slice("shop", "db", "db-abc").port(null, 5432).ready("10.244.1.9").build();

        ServiceEntry entry = ServiceEntries.of(single, List.of(slice));

        assertThat(entry.ports().get(0).name()).isEmpty();
        assertThat(entry.ports().get(0).backends()).containsExactly(new Backend("10.244.1.9", 5432));
    }

    @Test
    void slicesOfOtherAddressTypesAreSkipped() {
        EndpointSlice ipv6 = slice("shop", "web", "web-v6").addressType("IPv6").port("http", 8080).ready("fd00::1")
                .build();

        assertThat(ServiceEntries.of(web, List.of(ipv6)).ports().get(0).backends()).isEmpty();
    }

    @Test
    void clientIPAffinityDefaultsToThreeHoursAndNoneMeansZero() {
        assertThat(ServiceEntries.of(service("a", "b").clusterIP("10.96.0.2").port("p", 1).clientIPAffinity(null)
                .build(), List.of()).affinityTimeoutSeconds()).isEqualTo(10800);
        assertThat(ServiceEntries.of(service("a", "b").clusterIP("10.96.0.2").port("p", 1).clientIPAffinity(60)
                .build(), List.of()).affinityTimeoutSeconds()).isEqualTo(60);
        assertThat(ServiceEntries.of(web, List.of()).affinityTimeoutSeconds()).isZero();
    }

    @Test
    void headlessAndTypeDefaults() {
        ServiceEntry headless = ServiceEntries.of(service("a", "h").headless().port("p", 1).build(), List.of());
        ServiceEntry plain = ServiceEntries.of(web, List.of());

        assertThat(headless.headless()).isTrue();
        assertThat(headless.hasClusterIP()).isFalse();
        assertThat(plain.type()).isEqualTo("ClusterIP");
        assertThat(plain.exposesNodePorts()).isFalse();
    }
}

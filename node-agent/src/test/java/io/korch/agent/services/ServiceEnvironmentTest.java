package io.korch.agent.services;

import static io.korch.agent.services.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    @Test
    void aServiceGivesTheKubeletsVariables() {
        ServiceCatalog catalog = ServiceFixtures.catalog(List.of(
                service("shop", "redis-primary").clusterIP("10.96.0.11").port(null, 6379).build(),
                service("shop", "web").clusterIP("10.96.0.20").port("http", 80).port("dns-udp", 53, "UDP", null)
                        .build()), List.of());

        Map<String, String> env = new ServiceEnvironment(catalog).environment("shop");

        assertThat(env).containsExactly(
                Map.entry("REDIS_PRIMARY_SERVICE_HOST", "10.96.0.11"),
                Map.entry("REDIS_PRIMARY_SERVICE_PORT", "6379"),
                Map.entry("REDIS_PRIMARY_PORT", "tcp://10.96.0.11:6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP", "tcp://10.96.0.11:6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_PROTO", "tcp"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_PORT", "6379"),
                Map.entry("REDIS_PRIMARY_PORT_6379_TCP_ADDR", "10.96.0.11"),
                Map.entry("WEB_SERVICE_HOST", "10.96.0.20"),
                Map.entry("WEB_SERVICE_PORT", "80"),
                Map.entry("WEB_SERVICE_PORT_HTTP", "80"),
                Map.entry("WEB_SERVICE_PORT_DNS_UDP", "53"),
                Map.entry("WEB_PORT", "tcp://10.96.0.20:80"),
                Map.entry("WEB_PORT_80_TCP", "tcp://10.96.0.20:80"),
                Map.entry("WEB_PORT_80_TCP_PROTO", "tcp"),
                Map.entry("WEB_PORT_80_TCP_PORT", "80"),
                Map.entry("WEB_PORT_80_TCP_ADDR", "10.96.0.20"),
                Map.entry("WEB_PORT_53_UDP", "udp://10.96.0.20:53"),
                Map.entry("WEB_PORT_53_UDP_PROTO", "udp"),
                Map.entry("WEB_PORT_53_UDP_PORT", "53"),
                Map.entry("WEB_PORT_53_UDP_ADDR", "10.96.0.20"));
    }

    @Test
    void onlyServicesOfThePodsNamespaceWithAClusterIPAndTheKubernetesServiceCount() {
        ServiceCatalog catalog = ServiceFixtures.catalog(List.of(
                service("shop", "headless").headless().port("http", 80).build(),
                service("shop", "pending").port("http", 80).build(),
                service("other", "web").clusterIP("10.96.0.30").port("http", 80).build(),
                service("default", "kubernetes").clusterIP("10.96.0.1").port("https", 443).build()), List.of());

        Map<String, String> env = new ServiceEnvironment(catalog).environment("shop");

        assertThat(env.keySet()).allMatch(name -> name.startsWith("KUBERNETES_"));
        assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1")
                .containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443");
    }
}

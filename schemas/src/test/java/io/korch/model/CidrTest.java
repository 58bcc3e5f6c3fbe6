package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesAndSplitsIntoNodeShares() {
        Cidr cluster = Cidr.parse(ClusterNetwork.CLUSTER_CIDR);

        assertThat(cluster.size()).isEqualTo(65_536);
        assertThat(cluster.subnetCount(24)).isEqualTo(256);
        assertThat(cluster.subnet(24, 3)).hasToString("10.244.3.0/24");
        assertThat(Cidr.format(cluster.subnet(24, 255).address(254))).isEqualTo("10.244.255.254");
    }

    @Test
    void containsOnlyItsOwnAddresses() {
        Cidr services = Cidr.parse(ClusterNetwork.SERVICE_CIDR);

        assertThat(services.contains(ClusterNetwork.CLUSTER_DNS)).isTrue();
        assertThat(services.contains("10.97.0.1")).isFalse();
        assertThat(services.contains("10.96.0")).isFalse();
        assertThat(services.contains("not an address")).isFalse();
    }

    @Test
    void refusesMalformedRanges() {
        assertThatThrownBy(() -> Cidr.parse("10.96.0.1/16")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Cidr.parse("10.96.0.0")).hasMessageContaining("invalid CIDR");
        assertThatThrownBy(() -> Cidr.parse("10.96.0.0/33")).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("10.300.0.0/16")).hasMessageContaining("invalid CIDR");
        assertThat(Cidr.parseAddress("010.1.1.1")).isEmpty();
    }
}

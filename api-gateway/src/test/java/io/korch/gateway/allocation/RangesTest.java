package io.korch.gateway.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.model.Cidr;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Picking and checking cluster IPs and node ports, with no Kafka: exhaustion, requests, releases, the reserved DNS address. */
class RangesTest {

    private final Random random = new Random(7);

    @Test
    void everyAddressButTheNetworkBroadcastAndDnsAddressesIsHandedOutOnceThenTheRangeIsFull() {
        ClusterIpRange range = new ClusterIpRange(Cidr.parse("10.96.0.8/29"), "10.96.0.10");
        Set<String> taken = new HashSet<>();

        for (int i = 0; i < range.capacity(); i++) {
            taken.add(range.pick(taken::contains, random).orElseThrow());
        }

        assertThat(range.capacity()).isEqualTo(5);
        assertThat(taken).containsExactlyInAnyOrder("10.96.0.9", "10.96.0.11", "10.96.0.12", "10.96.0.13", "10.96.0.14");
        assertThat(range.pick(taken::contains, random)).isEmpty();
    }

    @Test
    void aReleasedAddressIsHandedOutAgain() {
        ClusterIpRange range = new ClusterIpRange(Cidr.parse("10.96.0.0/30"), "10.96.0.10");
        Set<String> taken = new HashSet<>(Set.of("10.96.0.1", "10.96.0.2"));
        assertThat(range.pick(taken::contains, random)).isEmpty();

        taken.remove("10.96.0.2");

        assertThat(range.pick(taken::contains, random)).contains("10.96.0.2");
    }

    @Test
    void picksAreSpreadOverTheRangeNotHandedOutInOrder() {
        ClusterIpRange range = ServiceRanges.defaults().clusterIps();
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            picked.add(range.pick(ip -> false, random).orElseThrow());
        }
        assertThat(picked).hasSizeGreaterThan(15);
    }

    @Test
    void aRequestedAddressOutsideTheRangeOrTheDnsAddressIsRefusedAsKubernetesWordsIt() {
        ClusterIpRange range = ServiceRanges.defaults().clusterIps();

        assertThat(range.problem("10.96.0.12")).isEmpty();
        assertThat(range.problem("10.0.0.1")).contains(
                "the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/16");
        assertThat(range.problem("10.96.0.0")).isPresent();
        assertThat(range.problem("10.96.255.255")).isPresent();
        assertThat(range.problem("10.96.0.10")).contains("provided IP is already allocated");
    }

    @Test
    void nodePortsAreHandedOutFromTheirRangeUntilItIsFull() {
        NodePortRange range = new NodePortRange(30000, 30002);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            taken.add(range.pick(taken::contains, random).getAsInt());
        }

        assertThat(taken).containsExactlyInAnyOrder(30000, 30001, 30002);
        assertThat(range.pick(taken::contains, random)).isEqualTo(OptionalInt.empty());
        taken.remove(30001);
        assertThat(range.pick(taken::contains, random)).isEqualTo(OptionalInt.of(30001));
    }

    @Test
    void aRequestedNodePortOutsideTheRangeIsRefusedAsKubernetesWordsIt() {
        NodePortRange range = ServiceRanges.defaults().nodePorts();

        assertThat(range.problem(30080)).isEmpty();
        assertThat(range.problem(8080)).isEqualTo(Optional.of(
                "provided port is not in the valid range. The range of valid ports is 30000-32767"));
        assertThat(range.problem(32768)).isPresent();
    }

    @Test
    void rangesAreReadFromTheirCommandLineForm() {
        ServiceRanges ranges = ServiceRanges.parse("10.100.0.0/24", "31000-31999");

        assertThat(ranges.serviceCidr()).isEqualTo(Cidr.parse("10.100.0.0/24"));
        assertThat(ranges.nodePortRange()).isEqualTo("31000-31999");
        assertThatThrownBy(() -> ServiceRanges.parse("10.96.0.0/16", "32000-31000"))
                .hasMessageContaining("invalid node port range");
        assertThatThrownBy(() -> ServiceRanges.parse("10.96.0.1/16", "30000-32767")).hasMessageContaining("host bits");
    }

    @Test
    void claimsKeepTheNewestVersionOfEachKey() {
        Claims claims = new Claims();
        claims.apply("clusterIP/10.96.0.12", null, 5);
        claims.apply("clusterIP/10.96.0.12", io.korch.api.Allocation.newBuilder().setKind("Service")
                .setObjectKey("default/web").setClaimedAt(java.time.Instant.EPOCH).build(), 3);

        assertThat(claims.holder("clusterIP/10.96.0.12")).as("a claim read after its release").isEmpty();
    }
}

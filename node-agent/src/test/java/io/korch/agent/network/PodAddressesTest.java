package io.korch.agent.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.model.Cidr;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pod addresses from a node's share: what is given out, exhaustion, release and the rebuild after a restart. */
class PodAddressesTest {

    private static final Cidr SHARE = Cidr.parse("10.244.3.0/24");

    @Test
    void givesOutAddressesFromTheShareSkippingTheNetworkTheGatewayAndTheBroadcastAddress() {
        // given
        PodAddresses addresses = new PodAddresses(SHARE);
        Set<String> given = new HashSet<>();

        // when
        for (int i = 0; i < 253; i++) {
            given.add(addresses.allocate("pod-" + i).orElseThrow());
        }

        // then
        assertThat(given).hasSize(253).allMatch(SHARE::contains)
                .doesNotContain("10.244.3.0", "10.244.3.1", "10.244.3.255")
                .contains("10.244.3.2", "10.244.3.254");
    }

    @Test
    void givesAPodTheAddressItHoldsAgain() {
        // given
        PodAddresses addresses = new PodAddresses(SHARE);
        String first = addresses.allocate("a").orElseThrow();

        // when
        Optional<String> again = addresses.allocate("a");

        // then
        assertThat(again).contains(first);
        assertThat(addresses.inUse()).isEqualTo(1);
    }

    @Test
    void givesNothingOnceTheShareIsExhausted() {
        // given
        PodAddresses addresses = new PodAddresses(Cidr.parse("10.244.3.0/29"));
        for (int i = 0; i < 5; i++) {
            assertThat(addresses.allocate("pod-" + i)).isPresent();
        }

        // when
        Optional<String> none = addresses.allocate("one-too-many");

        // then
        assertThat(none).isEmpty();
        assertThat(addresses.inUse()).isEqualTo(5);
    }

    @Test
    void aReleasedAddressIsGivenOutAgainOnceTheOthersAreTaken() {
        // given: a full share of five
        PodAddresses addresses = new PodAddresses(Cidr.parse("10.244.3.0/29"));
        for (int i = 0; i < 5; i++) {
            addresses.allocate("pod-" + i);
        }
        String freed = addresses.of("pod-2").orElseThrow();

        // when
        addresses.release("pod-2");

        // then
        assertThat(addresses.of("pod-2")).isEmpty();
        assertThat(addresses.allocate("newcomer")).contains(freed);
    }

    @Test
    void aReleasedAddressIsNotGivenOutAgainAtOnce() {
        // given
        PodAddresses addresses = new PodAddresses(SHARE);
        String first = addresses.allocate("a").orElseThrow();
        addresses.release("a");

        // when
        String next = addresses.allocate("b").orElseThrow();

        // then
        assertThat(next).isNotEqualTo(first);
    }

    @Test
    void rebuildsTheAddressesInUseFromTheSandboxesFoundAtStart() {
        // given: a restarted agent whose sandboxes hold .2 and .3
        PodAddresses addresses = new PodAddresses(SHARE);

        // when
        boolean heldA = addresses.hold("a", "10.244.3.2");
        boolean heldB = addresses.hold("b", "10.244.3.3");

        // then
        assertThat(heldA).isTrue();
        assertThat(heldB).isTrue();
        assertThat(addresses.of("a")).contains("10.244.3.2");
        assertThat(addresses.allocate("c")).contains("10.244.3.4");
        assertThat(addresses.allocate("a")).contains("10.244.3.2");
    }

    @Test
    void refusesToHoldAnAddressOutsideTheShareAReservedOneOrAnotherPodsOne() {
        // given
        PodAddresses addresses = new PodAddresses(SHARE);
        addresses.hold("a", "10.244.3.7");

        // then
        assertThat(addresses.hold("b", "10.244.3.7")).isFalse();
        assertThat(addresses.hold("b", "10.244.4.7")).isFalse();
        assertThat(addresses.hold("b", "10.244.3.1")).isFalse();
        assertThat(addresses.hold("b", "10.244.3.255")).isFalse();
        assertThat(addresses.hold("b", "not-an-address")).isFalse();
        assertThat(addresses.holders()).containsExactly("a");
    }

    @Test
    void neverGivesOutAgainAnAddressSomeoneElseTurnedOutToHold() {
        // given: a share of five whose second address another machine's container holds
        PodAddresses addresses = new PodAddresses(Cidr.parse("10.244.3.0/29"));
        addresses.allocate("a");
        String taken = addresses.allocate("b").orElseThrow();

        // when
        addresses.refuse("b");

        // then
        Set<String> rest = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            rest.add(addresses.allocate("pod-" + i).orElseThrow());
        }
        assertThat(rest).doesNotContain(taken);
        assertThat(addresses.allocate("one-too-many")).isEmpty();
    }
}

package io.korch.agent.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The host-side rules of the pod network, as written. */
class HostFirewallTest {

    @Test
    void acceptsOnlyTheServiceCidrAndRepliesFromTheBridgeAndDropsTheRest() {
        // given
        HostFirewall firewall = new HostFirewall("korch0", "10.96.0.0/16");

        // then
        assertThat(firewall.chainRules()).containsExactly(
                "-A KORCH-PODS-INPUT -d 10.96.0.0/16 -i korch0 -j ACCEPT",
                "-A KORCH-PODS-INPUT -i korch0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A KORCH-PODS-INPUT -i korch0 -j DROP");
        assertThat(firewall.jumpRule()).containsExactly("INPUT", "-i", "korch0", "-j", "KORCH-PODS-INPUT");
    }
}

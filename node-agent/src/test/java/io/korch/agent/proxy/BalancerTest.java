package io.korch.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.services.ServiceEntry.Backend;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BalancerTest {

    private static final Backend A = new Backend("10.244.1.2", 80);
    private static final Backend B = new Backend("10.244.1.3", 80);
    private static final Backend C = new Backend("10.244.1.4", 80);
    private final AtomicLong now = new AtomicLong(1_000);
    private final InetAddress client = address("10.244.2.9");

    @Test
    void connectionsAreSpreadOverEveryEndpointInTurn() {
        Balancer balancer = new Balancer(new ForwardTarget("web", List.of(A, B, C), 0), now::get);

        List<Backend> picks = List.of(pick(balancer), pick(balancer), pick(balancer), pick(balancer));

        assertThat(Set.copyOf(picks.subList(0, 3))).containsExactlyInAnyOrder(A, B, C);
        assertThat(picks.get(3)).isEqualTo(picks.get(0));
    }

    @Test
    void anEndpointThatFailedIsSkippedAndNoneLeftGivesNull() {
        Balancer balancer = new Balancer(new ForwardTarget("web", List.of(A, B), 0), now::get);
        Set<Backend> tried = new HashSet<>();

        tried.add(balancer.pick(client, tried));
        tried.add(balancer.pick(client, tried));

        assertThat(tried).containsExactlyInAnyOrder(A, B);
        assertThat(balancer.pick(client, tried)).isNull();
    }

    @Test
    void withClientIPAffinityAClientSticksToItsEndpointUntilTheTimeoutPasses() {
        Balancer balancer = new Balancer(new ForwardTarget("web", List.of(A, B, C), 10), now::get);
        Backend first = pick(balancer);
        balancer.connected(client, first);

        for (int i = 0; i < 5; i++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(9));
            Backend again = pick(balancer);
            assertThat(again).isEqualTo(first);
            balancer.connected(client, again);
        }
        assertThat(pick(balancer, address("10.244.2.10"))).isNotEqualTo(first);

        now.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertThat(List.of(pick(balancer), pick(balancer), pick(balancer))).contains(A, B, C);
    }

    @Test
    void affinityToARemainingEndpointSurvivesAChangeAndToAGoneOneDoesNot() {
        Balancer balancer = new Balancer(new ForwardTarget("web", List.of(A, B, C), 100), now::get);
        InetAddress other = address("10.244.2.10");
        balancer.connected(client, B);
        balancer.connected(other, C);

        Balancer changed = balancer.withTarget(new ForwardTarget("web", List.of(A, B), 100));

        assertThat(pick(changed)).isEqualTo(B);
        assertThat(pick(changed, other)).isIn(A, B);
    }

    @Test
    void aStickyEndpointThatFailsIsLeftForAnother() {
        Balancer balancer = new Balancer(new ForwardTarget("web", List.of(A, B), 100), now::get);
        balancer.connected(client, A);

        assertThat(balancer.pick(client, Set.of(A))).isEqualTo(B);
    }

    private Backend pick(Balancer balancer) {
        return pick(balancer, client);
    }

    private static Backend pick(Balancer balancer, InetAddress from) {
        return balancer.pick(from, Set.of());
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

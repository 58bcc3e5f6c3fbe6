package io.korch.agent.proxy;

import io.korch.agent.services.ServiceEntry.Backend;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Chooses the endpoint of each new connection to one listened address: round robin over the ready
 * endpoints, or, with ClientIP affinity, the endpoint the client's address last connected to while it did so
 * within the timeout (each connection renews it, as kube-proxy's {@code recent} match does). An endpoint that
 * failed to connect is skipped for that connection, and the client sticks to the one that worked.
 *
 * <p>When the endpoints change, {@link #withTarget} gives the balancer of the new set, keeping the affinities
 * to endpoints that remain. Safe for concurrent use.
 */
final class Balancer {

    private record Sticky(Backend backend, long expiresAtNanos) {
    }

    private final ForwardTarget target;
    private final Set<Backend> members;
    private final long affinityNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger next;
    private final Map<InetAddress, Sticky> sticky;

    Balancer(ForwardTarget target, LongSupplier nanoClock) {
        this(target, nanoClock, new AtomicInteger(), new ConcurrentHashMap<>());
    }

    private Balancer(ForwardTarget target, LongSupplier nanoClock, AtomicInteger next,
                     Map<InetAddress, Sticky> sticky) {
        this.target = target;
        this.members = Set.copyOf(target.backends());
        this.affinityNanos = TimeUnit.SECONDS.toNanos(target.affinityTimeoutSeconds());
        this.nanoClock = nanoClock;
        this.next = next;
        this.sticky = sticky;
    }

    ForwardTarget target() {
        return target;
    }

    /** The balancer of {@code newTarget}, keeping the round-robin position and the affinities that still apply. */
    Balancer withTarget(ForwardTarget newTarget) {
        Map<InetAddress, Sticky> kept = new ConcurrentHashMap<>();
        if (newTarget.affinityTimeoutSeconds() > 0) {
            Set<Backend> remaining = Set.copyOf(newTarget.backends());
            sticky.forEach((client, entry) -> {
                if (remaining.contains(entry.backend())) {
                    kept.put(client, entry);
                }
            });
        }
        return new Balancer(newTarget, nanoClock, next, kept);
    }

    /**
     * The endpoint for a new connection from {@code client}, or null when every endpoint is in {@code tried}.
     *
     * @param tried the endpoints that failed to connect for this connection
     */
    Backend pick(InetAddress client, Set<Backend> tried) {
        if (affinityNanos > 0) {
            Sticky entry = sticky.get(client);
            if (entry != null && nanoClock.getAsLong() - entry.expiresAtNanos() < 0 && members.contains(entry.backend())
                    && !tried.contains(entry.backend())) {
                return entry.backend();
            }
        }
        List<Backend> backends = target.backends();
        int start = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            Backend candidate = backends.get((start + i) % backends.size());
            if (!tried.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Records that {@code client} connected to {@code backend}: with affinity, it sticks to it from now on. */
    void connected(InetAddress client, Backend backend) {
        if (affinityNanos > 0) {
            sticky.put(client, new Sticky(backend, nanoClock.getAsLong() + affinityNanos));
            if (sticky.size() > 4096) {
                long now = nanoClock.getAsLong();
                sticky.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
            }
        }
    }
}

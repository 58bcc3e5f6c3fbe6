package io.korch.gateway.allocation;

import io.korch.api.Allocation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this gateway knows to be claimed, by claim key ({@code clusterIP/10.96.0.12},
 * {@code nodePort/TCP/30080}): the claims topic as read by {@code AllocationFeed}, and this
 * gateway's own claims and releases the moment the change log answers them, which the feed
 * brings later. Each key keeps its latest version by revision, so a record read late never undoes
 * a newer one. Thread-safe: the feed's thread writes, the event loop reads and writes.
 */
public final class Claims {

    /**
     * One claim key's latest version.
     *
     * @param allocation the claim, null once released
     * @param revision   the change log's revision of it
     */
    public record Claim(Allocation allocation, long revision) {
    }

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    /** The key of a claim on cluster IP {@code ip}. */
    public static String clusterIp(String ip) {
        return "clusterIP/" + ip;
    }

    /** The key of a claim on node port {@code port} of {@code protocol}. */
    public static String nodePort(String protocol, int port) {
        return "nodePort/" + protocol + "/" + port;
    }

    /** Records that {@code key} became {@code allocation} (null: released) at {@code revision}, unless it knows a newer version. */
    public void apply(String key, Allocation allocation, long revision) {
        claims.merge(key, new Claim(allocation, revision),
                (known, arrived) -> arrived.revision() >= known.revision() ? arrived : known);
    }

    /** The live claim of {@code key}; empty when nothing holds it. */
    public Optional<Claim> holder(String key) {
        Claim claim = claims.get(key);
        return claim == null || claim.allocation() == null ? Optional.empty() : Optional.of(claim);
    }

    /** How many keys are held. */
    public long held() {
        return claims.values().stream().filter(claim -> claim.allocation() != null).count();
    }
}

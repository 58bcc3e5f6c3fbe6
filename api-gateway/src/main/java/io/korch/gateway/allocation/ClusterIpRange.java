package io.korch.gateway.allocation;

import io.korch.model.Cidr;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The ClusterIPs of a Service network: every address of its CIDR but the network address, the
 * broadcast address and the cluster DNS address, which is reserved. Pure: what is taken is asked
 * of a predicate, randomness comes from the caller.
 */
public final class ClusterIpRange {

    private final Cidr cidr;
    private final long reserved;

    /** The range of {@code cidr}, {@code reserved} (the cluster DNS) kept out when it lies in it. */
    public ClusterIpRange(Cidr cidr, String reserved) {
        this.cidr = cidr;
        this.reserved = Cidr.parseAddress(reserved).filter(cidr::contains).orElse(-1L);
    }

    public Cidr cidr() {
        return cidr;
    }

    /**
     * Why {@code ip} cannot be requested, as Kubernetes' allocator says it: not an address of the
     * range (the network and broadcast addresses are not), or the reserved address, which is
     * allocated already; empty when it can.
     */
    public Optional<String> problem(String ip) {
        Optional<Long> address = Cidr.parseAddress(ip);
        if (address.isEmpty() || !cidr.contains(address.get()) || address.get() == cidr.base()
                || address.get() == cidr.base() + cidr.size() - 1) {
            return Optional.of("the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is "
                    + cidr);
        }
        if (address.get() == reserved) {
            return Optional.of(ServiceAllocator.IP_ALLOCATED);
        }
        return Optional.empty();
    }

    /** How many addresses can be allocated. */
    public long capacity() {
        return cidr.size() - 2 - (reserved >= 0 ? 1 : 0);
    }

    /**
     * A free address picked as Kubernetes' allocator does: from a random offset, the first that
     * {@code taken} does not hold, going round; empty when every one is taken.
     */
    public Optional<String> pick(Predicate<String> taken, Random random) {
        long hosts = cidr.size() - 2;
        long start = Math.floorMod(random.nextLong(), hosts);
        for (long i = 0; i < hosts; i++) {
            long address = cidr.base() + 1 + (start + i) % hosts;
            String ip = Cidr.format(address);
            if (address != reserved && !taken.test(ip)) {
                return Optional.of(ip);
            }
        }
        return Optional.empty();
    }
}

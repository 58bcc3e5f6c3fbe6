package io.korch.controllers.nodeipam;

import io.korch.model.Cidr;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The cluster CIDR cut into equal shares, one per node ({@code 10.244.0.0/16} into 256
 * {@code /24}s), numbered from 0 at its first address. Pure.
 *
 * @param cluster the cluster CIDR
 * @param prefix  the prefix length of a share, at least the cluster's
 */
public record CidrShares(Cidr cluster, int prefix) {

    public CidrShares {
        Objects.requireNonNull(cluster, "cluster");
        cluster.subnetCount(prefix);
    }

    /** How many shares there are. */
    public long count() {
        return cluster.subnetCount(prefix);
    }

    /** The share numbered {@code index}. */
    public Cidr share(long index) {
        return cluster.subnet(prefix, index);
    }

    /** The number of the share {@code cidr}, or empty when it is not one of these shares. */
    public OptionalLong indexOf(String cidr) {
        Cidr parsed;
        try {
            parsed = Cidr.parse(cidr);
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        if (parsed.prefix() != prefix || !cluster.contains(parsed.base())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((parsed.base() - cluster.base()) >> (32 - prefix));
    }

    /**
     * The lowest share not among {@code taken}, or empty when every share is taken.
     *
     * @param taken the numbers of the shares taken, in ascending order
     */
    public OptionalLong lowestFree(Iterator<Long> taken) {
        long candidate = 0;
        while (taken.hasNext()) {
            long next = taken.next();
            if (next > candidate) {
                break;
            }
            if (next == candidate) {
                candidate++;
            }
        }
        return candidate < count() ? OptionalLong.of(candidate) : OptionalLong.empty();
    }

    /** The store key of share {@code index}: zero-padded, so that keys sort as the numbers do. */
    static String key(long index) {
        return String.format("%010d", index);
    }
}

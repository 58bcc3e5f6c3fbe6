package io.korch.agent.network;

import io.korch.model.Cidr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of one node's pods, from the node's share of the cluster CIDR (a /24 by default): each pod
 * uid holds one address until it is released. The first address (the network's), the second (the pod
 * network's gateway in the first share, kept free in every share alike) and the last (broadcast) are never
 * given out, so a /24 holds 253 pods.
 *
 * <p>After an agent restart the addresses in use are rebuilt ({@link #hold}) from the sandboxes the node
 * still runs, which carry their address. An address another holder turned out to own ({@link #refuse}, as
 * when the runtime says it is in use) is skipped from then on. Pure bookkeeping, not thread-safe: the
 * reconcile loop owns it.
 */
public final class PodAddresses {

    private final Cidr share;
    private final Map<String, Long> byUid = new HashMap<>();
    private final Set<Long> held = new HashSet<>();
    private final Set<Long> refused = new HashSet<>();
    /** Where the next search starts, so a released address is not handed out again at once. */
    private long next;

    /** Addresses from {@code share}. */
    public PodAddresses(Cidr share) {
        if (share.size() < 4) {
            throw new IllegalArgumentException("a node's pod CIDR must hold at least 4 addresses: " + share);
        }
        this.share = share;
        this.next = 2;
    }

    /** The share the addresses come from. */
    public Cidr share() {
        return share;
    }

    /**
     * The address of pod {@code uid}: the one it holds, else the next free one, now held by it.
     *
     * @return empty when every address is held (the share is exhausted)
     */
    public Optional<String> allocate(String uid) {
        Long current = byUid.get(uid);
        if (current != null) {
            return Optional.of(Cidr.format(current));
        }
        long usable = share.size() - 3;
        for (long tried = 0; tried < usable; tried++) {
            long index = 2 + Math.floorMod(next - 2 + tried, usable);
            long address = share.address(index);
            if (!held.contains(address) && !refused.contains(address)) {
                byUid.put(uid, address);
                held.add(address);
                next = index + 1;
                return Optional.of(Cidr.format(address));
            }
        }
        return Optional.empty();
    }

    /**
     * Records that pod {@code uid} holds {@code address}, as a sandbox found at start shows.
     *
     * @return false (and nothing is recorded) when the address is outside the share, not a pod's, or held
     *         by another pod
     */
    public boolean hold(String uid, String address) {
        Optional<Long> value = Cidr.parseAddress(address);
        if (value.isEmpty() || !usable(value.get())) {
            return false;
        }
        Long current = byUid.get(uid);
        if (value.get().equals(current)) {
            return true;
        }
        if (held.contains(value.get())) {
            return false;
        }
        if (current != null) {
            held.remove(current);
        }
        byUid.put(uid, value.get());
        held.add(value.get());
        return true;
    }

    /** The address pod {@code uid} holds, if any. */
    public Optional<String> of(String uid) {
        return Optional.ofNullable(byUid.get(uid)).map(Cidr::format);
    }

    /** Frees the address of pod {@code uid}, if it holds one. */
    public void release(String uid) {
        Long address = byUid.remove(uid);
        if (address != null) {
            held.remove(address);
        }
    }

    /** Frees the address of pod {@code uid} and never gives that address out again: someone else owns it. */
    public void refuse(String uid) {
        Long address = byUid.remove(uid);
        if (address != null) {
            held.remove(address);
            refused.add(address);
        }
    }

    /** The uids holding an address. */
    public Set<String> holders() {
        return Set.copyOf(byUid.keySet());
    }

    /** How many addresses are held. */
    public int inUse() {
        return byUid.size();
    }

    private boolean usable(long address) {
        if (!share.contains(address)) {
            return false;
        }
        long index = address - share.base();
        return index >= 2 && index < share.size() - 1;
    }
}

package io.korch.model;

import java.util.Optional;

/**
 * An IPv4 address range in CIDR notation ({@code 10.244.0.0/16}): what the cluster's pod network,
 * each node's share of it and the Service network are. Addresses are handled as unsigned 32-bit
 * values in a {@code long}.
 *
 * @param base   the first address of the range, its host bits zero
 * @param prefix the number of network bits, 0 to 32
 */
public record Cidr(long base, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("a prefix length is 0 to 32, not " + prefix);
        }
        if ((base & hostMask(prefix)) != 0) {
            throw new IllegalArgumentException(format(base) + "/" + prefix + " has host bits set");
        }
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        long address = parseAddress(text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("invalid CIDR address: " + text));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Cidr(address, prefix);
    }

    /** The value of a dotted-quad IPv4 address, or empty when {@code text} is not one. */
    public static Optional<Long> parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    /** The dotted-quad text of address {@code value}. */
    public static String format(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }

    /** How many addresses the range holds. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The {@code index}th address of the range, from 0. */
    public long address(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index + " is outside " + this);
        }
        return base + index;
    }

    /** Whether {@code address} lies in the range. */
    public boolean contains(long address) {
        return (address & ~hostMask(prefix) & 0xffffffffL) == base;
    }

    /** Whether the dotted-quad {@code address} lies in the range; false when it is not an IPv4 address. */
    public boolean contains(String address) {
        return parseAddress(address).map(this::contains).orElse(false);
    }

    /** How many ranges of {@code subnetPrefix} bits this one splits into. */
    public long subnetCount(int subnetPrefix) {
        if (subnetPrefix < prefix || subnetPrefix > 32) {
            throw new IllegalArgumentException("a /" + subnetPrefix + " is not a part of a /" + prefix);
        }
        return 1L << (subnetPrefix - prefix);
    }

    /** The {@code index}th range of {@code subnetPrefix} bits within this one. */
    public Cidr subnet(int subnetPrefix, long index) {
        if (index < 0 || index >= subnetCount(subnetPrefix)) {
            throw new IndexOutOfBoundsException(index + " is outside the /" + subnetPrefix + "s of " + this);
        }
        return new Cidr(base + (index << (32 - subnetPrefix)), subnetPrefix);
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }

    private static long hostMask(int prefix) {
        return prefix == 0 ? 0xffffffffL : (1L << (32 - prefix)) - 1;
    }
}

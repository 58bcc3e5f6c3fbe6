package io.korch.controllers;

/**
 * Keys of the index stores that group children under a parent, {@code parent|child}: all children of
 * one parent are one prefix scan away, without reading the children of any other parent. The
 * separator {@code |} cannot occur in an object or node name, so no parent's prefix is the prefix
 * of another parent's keys.
 */
public final class StoreKeys {

    /** Separates the parent part of an index key from the child part. */
    public static final char SEPARATOR = '|';

    private StoreKeys() {
    }

    /** The index key of {@code child} under {@code parent}. */
    public static String of(String parent, String child) {
        return parent + SEPARATOR + child;
    }

    /** The prefix shared by the index keys of every child of {@code parent}. */
    public static String prefix(String parent) {
        return parent + SEPARATOR;
    }
}

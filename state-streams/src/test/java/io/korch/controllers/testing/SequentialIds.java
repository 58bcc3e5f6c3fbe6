package io.korch.controllers.testing;

import io.korch.controllers.Ids;

/** Deterministic {@link Ids}: uids {@code uid-1, uid-2...} and suffixes {@code bbbb2, bbbb4...} in a fixed order. */
public final class SequentialIds implements Ids {

    private int uids;
    private int suffixes;

    @Override
    public String uid() {
        return "uid-" + ++uids;
    }

    @Override
    public String nameSuffix() {
        int n = suffixes++;
        char[] suffix = new char[SUFFIX_LENGTH];
        for (int i = SUFFIX_LENGTH - 1; i >= 0; i--) {
            suffix[i] = SUFFIX_ALPHABET.charAt(n % SUFFIX_ALPHABET.length());
            n /= SUFFIX_ALPHABET.length();
        }
        return new String(suffix);
    }
}

package io.korch.controllers;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * The source of the random parts of the objects the controllers create: uids and the suffix of
 * generated pod names. Production uses {@link #random()}; tests pass a deterministic source.
 */
public interface Ids {

    /**
     * Characters of generated name suffixes: lowercase letters and digits without vowels and without
     * the look-alikes 0, 1 and 3, as Kubernetes does, so that no suffix spells a word.
     */
    String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Length of a generated name suffix. */
    int SUFFIX_LENGTH = 5;

    /** A new unique object uid. */
    String uid();

    /** A new random name suffix of {@link #SUFFIX_LENGTH} characters from {@link #SUFFIX_ALPHABET}. */
    String nameSuffix();

    /** Random uids (UUID v4) and random suffixes. */
    static Ids random() {
        return new Ids() {
            private final Random random = new SecureRandom();

            @Override
            public String uid() {
                return UUID.randomUUID().toString();
            }

            @Override
            public String nameSuffix() {
                StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
                for (int i = 0; i < SUFFIX_LENGTH; i++) {
                    suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
                }
                return suffix.toString();
            }
        };
    }
}

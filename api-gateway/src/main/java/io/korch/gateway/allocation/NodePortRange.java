package io.korch.gateway.allocation;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * The node ports, {@code min} to {@code max}. Pure: what is taken is asked of a predicate,
 * randomness comes from the caller.
 */
public record NodePortRange(int min, int max) {

    /** Why {@code port} cannot be requested, as Kubernetes' allocator says it; empty when it can. */
    public Optional<String> problem(int port) {
        return port < min || port > max
                ? Optional.of("provided port is not in the valid range. The range of valid ports is " + min + "-" + max)
                : Optional.empty();
    }

    /** A free port: from a random offset, the first that {@code taken} does not hold; empty when all are. */
    public OptionalInt pick(IntPredicate taken, Random random) {
        int size = max - min + 1;
        int start = random.nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = min + (start + i) % size;
            if (!taken.test(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }
}

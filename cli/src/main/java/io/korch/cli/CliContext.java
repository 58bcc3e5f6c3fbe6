package io.korch.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the commands take from the world outside their arguments: standard input (for
 * {@code apply -f -}), standard output (for the progress of long-running commands) and the clock
 * (for ages). Tests pass their own.
 *
 * @param stdin  opens standard input
 * @param stdout the stream progress is printed on
 * @param clock  the current time
 */
public record CliContext(Supplier<InputStream> stdin, PrintStream stdout, Clock clock) {

    public CliContext {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(clock, "clock");
    }

    /** The process's own standard streams and the system clock. */
    public static CliContext system() {
        return new CliContext(() -> System.in, System.out, Clock.systemDefaultZone());
    }
}

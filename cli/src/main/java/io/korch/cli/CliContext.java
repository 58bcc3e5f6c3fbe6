package io.korch.cli;

import io.korch.cli.config.KorchHome;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands take from the world outside their arguments: standard input (for
 * {@code apply -f -}), standard output (for the progress of long-running commands), the clock
 * (for ages), the environment ({@code KUBECONFIG}, {@code KORCH_SERVER}, {@code KORCH_HOME}) and
 * the user's home directory, where {@code ~/.korch} is. Tests pass their own.
 *
 * @param stdin    opens standard input
 * @param stdout   the stream progress is printed on
 * @param clock    the current time
 * @param env      the value of an environment variable, or null when it is not set
 * @param userHome the user's home directory
 */
public record CliContext(Supplier<InputStream> stdin, PrintStream stdout, Clock clock,
                         Function<String, String> env, Path userHome) {

    public CliContext {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
    }

    /** The process's environment and home directory with these streams and clock. */
    public CliContext(Supplier<InputStream> stdin, PrintStream stdout, Clock clock) {
        this(stdin, stdout, clock, System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** The process's own standard streams, environment, home directory and the system clock. */
    public static CliContext system() {
        return new CliContext(() -> System.in, System.out, Clock.systemDefaultZone());
    }

    /** Where korch keeps its files: {@code $KORCH_HOME}, else {@code ~/.korch}. */
    public KorchHome korchHome() {
        return KorchHome.of(env, userHome);
    }
}

package io.korch.cli.testing;

import io.korch.cli.CliContext;
import io.korch.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine;

/** Runs the {@code korch} command line in-process, capturing its output and exit code. */
public final class Cli {

    /** The fixed time commands see in tests. */
    public static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");

    private final String stdin;
    private final Clock clock;

    private Cli(String stdin, Clock clock) {
        this.stdin = stdin;
        this.clock = clock;
    }

    /** A command line with empty standard input and the clock fixed at {@link #NOW}. */
    public static Cli korch() {
        return new Cli("", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The same, reading {@code text} as standard input. */
    public Cli withStdin(String text) {
        return new Cli(text, clock);
    }

    /** The same, with the system clock (for objects created by a real server just now). */
    public Cli withSystemClock() {
        return new Cli(stdin, Clock.system(ZoneOffset.UTC));
    }

    /** Runs {@code korch ARGS...}. */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(
                () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, clock);
        CommandLine commandLine = Main.commandLine(context);
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        stdout.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /**
     * What a run left behind.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Result(int exitCode, String out, String err) {
    }
}

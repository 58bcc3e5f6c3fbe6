package io.korch.cli.testing;

import io.korch.cli.CliContext;
import io.korch.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code korch} command line in-process, capturing its output and exit code. */
public final class Cli {

    /** The fixed time commands see in tests. */
    public static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");

    /** A korch home that does not exist, so that no test reads the contexts of the real ~/.korch. */
    private static final Map<String, String> ISOLATED = Map.of(
            "KORCH_HOME", Path.of(System.getProperty("java.io.tmpdir"), "korch-test-no-home").toString());

    private final String stdin;
    private final Clock clock;
    private final Map<String, String> env;

    private Cli(String stdin, Clock clock, Map<String, String> env) {
        this.stdin = stdin;
        this.clock = clock;
        this.env = env;
    }

    /**
     * A command line with empty standard input, the clock fixed at {@link #NOW}, and an
     * environment of its own that points {@code KORCH_HOME} at a directory that does not exist.
     */
    public static Cli korch() {
        return new Cli("", Clock.fixed(NOW, ZoneOffset.UTC), ISOLATED);
    }

    /** The same, reading {@code text} as standard input. */
    public Cli withStdin(String text) {
        return new Cli(text, clock, env);
    }

    /** The same, with the system clock (for objects created by a real server just now). */
    public Cli withSystemClock() {
        return new Cli(stdin, Clock.system(ZoneOffset.UTC), env);
    }

    /** The same, with these environment variables instead ({@code KORCH_HOME}, {@code KUBECONFIG}, {@code KORCH_SERVER}). */
    public Cli withEnv(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(ISOLATED);
        merged.putAll(variables);
        return new Cli(stdin, clock, Map.copyOf(merged));
    }

    /** A context with this command line's standard input, clock and environment, and output thrown away. */
    public CliContext context() {
        return new CliContext(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(OutputStream.nullOutputStream()), clock, env::get,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Runs {@code korch ARGS...}. */
    public Result run(String... args) {
        Streams streams = new Streams();
        int code = streams.commandLine().execute(args);
        return streams.result(code);
    }

    /**
     * Starts {@code korch ARGS...} on a thread of its own, for a command that runs until it is
     * interrupted, such as {@code get --watch}.
     */
    public Running start(String... args) {
        Streams streams = new Streams();
        CommandLine commandLine = streams.commandLine();
        Running running = new Running(streams);
        running.thread = new Thread(() -> running.code = commandLine.execute(args), "korch " + String.join(" ", args));
        running.thread.start();
        return running;
    }

    /** A command running on its own thread. */
    public static final class Running {

        private final Streams streams;
        private Thread thread;
        private volatile int code = -1;

        private Running(Streams streams) {
            this.streams = streams;
        }

        /** What it has printed on standard output so far. */
        public String out() {
            return streams.out.toString(StandardCharsets.UTF_8);
        }

        /** Interrupts it, as Ctrl-C would, and waits up to 10 seconds for it to return. */
        public Result stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            if (thread.isAlive()) {
                throw new AssertionError("the command did not stop within 10 s of being interrupted");
            }
            return streams.result(code);
        }

        /** Waits up to 10 seconds for it to return by itself. */
        public Result awaitExit() throws InterruptedException {
            thread.join(10_000);
            if (thread.isAlive()) {
                throw new AssertionError("the command did not end within 10 s");
            }
            return streams.result(code);
        }
    }

    /** The standard streams of one run. */
    private final class Streams {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final StringWriter err = new StringWriter();
        private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);

        CommandLine commandLine() {
            CliContext context = new CliContext(
                    () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, clock,
                    env::get, Path.of(System.getProperty("java.io.tmpdir")));
            CommandLine commandLine = Main.commandLine(context);
            commandLine.setErr(new PrintWriter(err, true));
            return commandLine;
        }

        Result result(int code) {
            stdout.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        }
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

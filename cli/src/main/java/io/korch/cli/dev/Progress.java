package io.korch.cli.dev;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints the steps of a start-up as they happen: {@code starting Kafka… done (2.1 s)}, or
 * {@code failed} before the error propagates.
 */
public final class Progress {

    /** An ellipsis the console can show: the Unicode one, or three dots on an ASCII console. */
    private static final String ELLIPSIS = Charset.defaultCharset().newEncoder().canEncode('…') ? "…" : "...";

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    /** Runs {@code action}, announced as {@code label}, and returns its result. */
    public <T> T step(String label, Supplier<T> action) {
        out.print(label + ELLIPSIS + " ");
        out.flush();
        long start = System.nanoTime();
        try {
            T result = action.get();
            out.println("done (" + seconds(System.nanoTime() - start) + ")");
            return result;
        } catch (RuntimeException e) {
            out.println("failed");
            throw e;
        }
    }

    /** Runs {@code action}, announced as {@code label}. */
    public void step(String label, Runnable action) {
        step(label, () -> {
            action.run();
            return null;
        });
    }

    /** Prints a line of its own. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

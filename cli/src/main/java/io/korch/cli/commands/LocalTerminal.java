package io.korch.cli.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The terminal korch runs on, driven with {@code stty} through {@code /bin/sh} on {@code /dev/tty}: raw mode
 * while an interactive command runs ({@link #raw()}, restored by {@link #close()}), and its size.
 */
final class LocalTerminal implements AutoCloseable {

    private final String saved;

    private LocalTerminal(String saved) {
        this.saved = saved;
    }

    /** The terminal when korch's input and output are one, else null. */
    static LocalTerminal attached() {
        if (System.console() == null) {
            return null;
        }
        return stty("-g").map(String::trim).filter(s -> !s.isEmpty()).map(LocalTerminal::new).orElse(null);
    }

    /** Switches the terminal to raw mode without echo; closing the result restores the saved settings. */
    LocalTerminal raw() {
        stty("raw -echo");
        return this;
    }

    /** The terminal's width and height, when {@code stty size} tells them. */
    Optional<int[]> size() {
        return stty("size").map(String::trim).map(s -> s.split("\\s+")).filter(parts -> parts.length == 2)
                .map(parts -> new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[0])});
    }

    @Override
    public void close() {
        stty(saved);
    }

    private static Optional<String> stty(String arguments) {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", "stty " + arguments + " < /dev/tty")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

package io.korch.agent.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code iptables}, {@code iptables-save} and {@code iptables-restore}, waiting for the xtables lock
 * ({@code -w}) so that several agents of one machine never fail on each other's writes.
 */
public final class Iptables {

    private static final long TIMEOUT_SECONDS = 30;

    private Iptables() {
    }

    /** {@code iptables -w ARGS}. */
    public static Result iptables(List<String> args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(args);
        return run(command, null);
    }

    /** {@code iptables-restore -w --noflush} of {@code input}: one transaction, leaving unnamed chains as they are. */
    public static Result restore(String input) {
        return run(List.of("iptables-restore", "-w", "--noflush"), input);
    }

    /** {@code iptables-save -t TABLE}: the table's chains and rules. */
    public static Result save(String table) {
        return run(List.of("iptables-save", "-t", table), null);
    }

    /** Runs {@code command} with {@code input} (or none) on its standard input. */
    public static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(false, String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue() == 0, output);
        } catch (IOException e) {
            return new Result(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    /** The end of one command: whether it succeeded, and what it printed. */
    public record Result(boolean ok, String output) {
    }
}

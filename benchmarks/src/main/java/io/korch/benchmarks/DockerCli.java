package io.korch.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code docker} command line, run as a process: its exit code and its output (stdout and stderr together). */
final class DockerCli {

    /** What one command gave. */
    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }

        /** This result when it succeeded; else an exception naming the command and its output. */
        Result orThrow(List<String> args) {
            if (!ok()) {
                throw new IllegalStateException("docker " + String.join(" ", args) + " failed (" + exitCode + "): "
                        + output);
            }
            return this;
        }
    }

    private DockerCli() {
    }

    static Result run(String... args) {
        return run(List.of(args));
    }

    /** Runs {@code docker args...}, waiting at most 2 minutes. */
    static Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs {@code docker args...} and throws unless it succeeded. */
    static Result require(String... args) {
        return run(args).orThrow(List.of(args));
    }
}

package io.korch.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl} of this machine, run against a korch cluster through a kubeconfig,
 * exactly as a user runs it: {@code KUBECONFIG=... kubectl get pods}.
 */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** What one run printed and how it ended. */
    record Result(int exitCode, String out, String err) {

        /** stdout, after checking the command succeeded. */
        String ok() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed with " + exitCode + ":\n" + err + out);
            }
            return out;
        }
    }

    /**
     * Skips the calling test when no {@code kubectl} is on the PATH — or fails it when the
     * {@code korch.ci} system property is {@code true}, since CI installs one.
     */
    static void require() {
        boolean found = available();
        if (!found && Boolean.getBoolean("korch.ci")) {
            throw new AssertionError("kubectl is not on the PATH (CI=true: .ci/run installs one)");
        }
        assumeTrue(found, "kubectl is not on the PATH");
    }

    /** Whether a {@code kubectl} is on the PATH. */
    static boolean available() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    }

    /** The minor version of this kubectl, from {@code kubectl version --client -o json} ({@code "20"}, or {@code "27+"}). */
    int clientMinorVersion() {
        String out = run("version", "--client", "-o", "json").ok();
        try {
            String minor = new ObjectMapper().readTree(out).at("/clientVersion/minor").asText();
            return Integer.parseInt(minor.replaceAll("\\D", ""));
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("cannot read kubectl's version from: " + out, e);
        }
    }

    /** Runs {@code kubectl args...} to its end. */
    Result run(String... args) {
        return input(null, args);
    }

    /** Runs {@code kubectl args...} with {@code stdin} as its input ({@code -f -}). */
    Result input(String stdin, String... args) {
        Process process = start(args);
        try {
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not end");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code kubectl args...} and leaves it running: for {@code get -w}. */
    Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", kubeconfig.getParent().toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl", e);
        }
    }
}

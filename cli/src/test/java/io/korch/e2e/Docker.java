package io.korch.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine as a user sees it: the {@code docker} command. End-to-end tests inspect and
 * kill containers with it exactly as the README does.
 */
final class Docker {

    static final String IMAGE = "korch/busybox:latest";
    /** The {@code io.korch.container} label of a pod's sandbox. */
    private static final String SANDBOX = "POD";

    private Docker() {
    }

    /**
     * Skips the calling test when Docker or the local test image is missing — or fails it when
     * the {@code korch.ci} system property is {@code true}, since CI must exercise real Docker.
     */
    static void require() {
        String problem = null;
        try {
            run("info", "--format", "{{.ServerVersion}}");
            if (run("images", "-q", IMAGE).isBlank()) {
                problem = "the image " + IMAGE + " is missing: run images/busybox/build.sh";
            }
        } catch (IllegalStateException e) {
            problem = "Docker is not reachable: " + e.getMessage();
        }
        if (problem != null && Boolean.getBoolean("korch.ci")) {
            throw new AssertionError(problem + " (CI=true: Docker is required)");
        }
        assumeTrue(problem == null, problem);
    }

    /**
     * IDs of the running containers of pods carrying every given label filter ({@code key=value}): the pods'
     * own containers, not their sandboxes.
     */
    static List<String> runningContainers(String... labels) {
        return containers("", labels).stream()
                .filter(line -> !line.endsWith(" " + SANDBOX))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .toList();
    }

    /** IDs of all containers, running or not, sandboxes too, carrying every given label filter. */
    static List<String> allContainers(String... labels) {
        return containers("-a", labels).stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    /** One line per container: its id and its {@code io.korch.container} label. */
    private static List<String> containers(String psFlags, String... labels) {
        List<String> args = new ArrayList<>(psFlags.isEmpty() ? List.of("ps") : List.of("ps", psFlags));
        args.addAll(List.of("--no-trunc", "--format",
                "{{.ID}} {{.Label \"io.korch.container\"}}"));
        for (String label : labels) {
            args.add("--filter");
            args.add("label=" + label);
        }
        return lines(run(args.toArray(String[]::new))).stream().map(line -> line.contains(" ") ? line : line + " ")
                .toList();
    }

    /** The value of one label of a container. */
    static String label(String containerId, String label) {
        return run("inspect", "--format", "{{ index .Config.Labels \"" + label + "\" }}", containerId).trim();
    }

    static void kill(String containerId) {
        run("kill", containerId);
    }

    /**
     * Removes, forcibly, every container carrying the label filter, then the memory volumes of their pods
     * (test clean-up).
     */
    static void removeAll(String label) {
        Set<String> pods = new HashSet<>();
        for (String line : lines(run("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Label \"io.korch.pod.uid\"}}",
                "--filter", "label=" + label))) {
            String[] idAndPod = line.split(" ", 2);
            run("rm", "-f", idAndPod[0]);
            if (idAndPod.length == 2) {
                pods.add(idAndPod[1]);
            }
        }
        for (String pod : pods) {
            for (String volume : lines(run("volume", "ls", "-q", "--filter", "label=io.korch.pod.uid=" + pod))) {
                run("volume", "rm", "-f", volume);
            }
        }
    }

    private static List<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

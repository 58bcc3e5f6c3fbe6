package io.korch.gateway.http;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code kubectl port-forward} against a gateway on loopback, for tests where kubectl is installed: run
 * with an empty kubeconfig of its own and {@code --server}, its output collected as it comes, stopped on close.
 */
final class Kubectl implements AutoCloseable {

    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();

    private Kubectl(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    /** Whether {@code kubectl} is on the PATH. */
    static boolean installed() {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    }

    /** Starts {@code kubectl port-forward TARGET PORTS...} against the gateway on {@code gatewayPort}. */
    static Kubectl portForward(Path home, int gatewayPort, String target, String... ports) throws IOException {
        Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--server", "http://127.0.0.1:" + gatewayPort, "--cache-dir", home.resolve("cache").toString(),
                "port-forward", "--address", "127.0.0.1", target));
        command.addAll(List.of(ports));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        return new Kubectl(builder.start());
    }

    /** Waits for kubectl to listen for {@code remote}; returns its local port. */
    int awaitForwarding(int remote) {
        await().atMost(Duration.ofSeconds(20)).until(() -> local(remote) > 0 || !process.isAlive());
        int local = local(remote);
        if (local <= 0) {
            throw new IllegalStateException("kubectl did not forward: " + out + err);
        }
        return local;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    private int local(int remote) {
        Matcher matcher = FORWARDING.matcher(out);
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(2)) == remote) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    private static void collect(InputStream stream, StringBuffer into) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("\n(output lost: ").append(e.getMessage()).append(")");
            }
        }, "kubectl-output");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

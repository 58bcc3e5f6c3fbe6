package io.korch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One namespace of a dev cluster as an end-to-end test drives it: the korch command line aimed at
 * the cluster and the namespace, and the objects read back through the REST API.
 */
final class NamespaceSession {

    private final String server;
    private final String namespace;
    private final Api api;

    NamespaceSession(String server, String namespace) {
        this.server = server;
        this.namespace = namespace;
        this.api = new Api(server);
    }

    /** Creates namespace {@code namespace} on the cluster at {@code server} with {@code korch apply}, and a session in it. */
    static NamespaceSession create(String server, String namespace) {
        Cli.Result created = Cli.korch().withStdin("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n")
                .run("apply", "-f", "-", "--server", server);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return new NamespaceSession(server, namespace);
    }

    Api api() {
        return api;
    }

    String namespace() {
        return namespace;
    }

    /** Runs {@code korch -n NAMESPACE --server URL ARGS...} with the system clock. */
    Cli.Result korch(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", namespace, "--server", server));
        all.addAll(List.of(args));
        return Cli.korch().withSystemClock().run(all.toArray(String[]::new));
    }

    /** Starts {@code korch -n NAMESPACE --server URL ARGS...} on a thread of its own. */
    Cli.Running start(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", namespace, "--server", server));
        all.addAll(List.of(args));
        return Cli.korch().withSystemClock().start(all.toArray(String[]::new));
    }

    /** {@code korch apply -f -} of {@code manifest}, whatever its outcome. */
    Cli.Result applyResult(String manifest) {
        return Cli.korch().withStdin(manifest).run("apply", "-f", "-", "-n", namespace, "--server", server);
    }

    /** {@code korch apply -f -} of {@code manifest}, which must succeed. */
    void apply(String manifest) {
        Cli.Result result = applyResult(manifest);
        assertThat(result.exitCode()).as("korch apply: %s", result.err()).isZero();
    }

    JsonNode pod(String name) {
        return api.get("/api/v1/namespaces/" + namespace + "/pods/" + name).body();
    }

    JsonNode deployment(String name) {
        return api.get("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name).body();
    }

    /** The names of the pods {@code selector} matches, sorted. */
    List<String> podNames(String selector) {
        return api.items("/api/v1/namespaces/" + namespace + "/pods?labelSelector=" + selector).stream()
                .map(pod -> pod.at("/metadata/name").asText()).sorted().toList();
    }

    /** The reasons and messages of the events about object {@code name}, one per line. */
    String events(String name) {
        StringBuilder messages = new StringBuilder();
        for (JsonNode event : api.items("/api/v1/namespaces/" + namespace + "/events?fieldSelector=involvedObject.name="
                + name)) {
            messages.append(event.path("reason").asText()).append(": ").append(event.path("message").asText())
                    .append('\n');
        }
        return messages.toString();
    }

    /** A file of the repository, found from the working directory up. */
    static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }
}

package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.PortForwardClient;
import io.korch.cli.client.PortForwardClient.Forward;
import io.korch.model.ApiKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch port-forward TYPE/NAME [LOCAL:]REMOTE...}: forwards local ports to a pod through
 * {@code pods/portforward}, as kubectl does. A Service or a controller is resolved to one of its pods here, as
 * kubectl resolves it (the pods its selector selects, running and ready ones first, {@link PodContainerChoice}),
 * and a Service port becomes the container port it targets ({@link PortForwardTarget}). The pod must be running.
 * Then it listens on {@code --address} (127.0.0.1 unless given) and forwards every connection
 * ({@link PortForwardClient}) until interrupted, or until the pod is gone: {@code lost connection to pod}.
 */
@Command(name = "port-forward", sortOptions = false, description = "Forward one or more local ports to a pod.")
public final class PortForwardCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "TYPE/NAME", description = "The pod (NAME or pod/NAME), svc/NAME,"
            + " deployment/NAME or replicaset/NAME.")
    private String target;

    @Parameters(index = "1..*", paramLabel = "[LOCAL:]REMOTE", description = "The ports: 8080:80 listens on 8080 and"
            + " forwards to 80; 80 listens on 80; :80 on any free port. REMOTE may name a container port, or a Service"
            + " port.")
    private List<String> ports = new ArrayList<>();

    @Option(names = "--address", split = ",", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Addresses to listen on (comma separated): IP addresses or localhost.")
    private List<String> address = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (ports.isEmpty()) {
            throw new CommandFailedException("TYPE/NAME and list of ports are required for port-forward");
        }
        List<String> addresses = PortForwardTarget.addresses(address);
        ApiClient client = options().client();
        String namespace = options().namespaceOrDefault();
        PortForwardTarget.Named named = PortForwardTarget.parse(target);
        JsonNode pod;
        List<String> specs;
        if (named.service()) {
            JsonNode service = client.get(servicePath(namespace, named.name()));
            JsonNode selector = service.path("spec").path("selector");
            if (selector.isEmpty()) {
                throw new CommandFailedException("invalid service '" + named.name()
                        + "': Service is defined without a selector");
            }
            pod = firstPod(client, namespace, selector, named);
            specs = PortForwardTarget.servicePorts(ports, service, pod);
        } else if (named.kind() == ApiKind.POD) {
            pod = client.get(ApiKind.POD.objectPath(namespace, named.name()));
            specs = PortForwardTarget.podPorts(ports, pod);
        } else {
            JsonNode owner = client.get(named.kind().objectPath(namespace, named.name()));
            pod = firstPod(client, namespace, owner.path("spec").path("selector").path("matchLabels"), named);
            specs = PortForwardTarget.podPorts(ports, pod);
        }
        List<Forward> forwards = PortForwardTarget.parsePorts(specs);
        String phase = pod.path("status").path("phase").asText("");
        if (!phase.equals("Running")) {
            throw new CommandFailedException("unable to forward port because pod is not running. Current status="
                    + phase);
        }
        String podName = pod.path("metadata").path("name").asText();
        return forward(new PortForwardClient(client, ApiKind.POD.objectPath(namespace, podName) + "/portforward",
                out(), err()), addresses, forwards);
    }

    /** Forwards until the process is stopped or interrupted (exit 0), or the pod is gone. */
    private int forward(PortForwardClient forwarder, List<String> addresses, List<Forward> forwards) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            forwarder.close();
            stopped.complete(null);
        }, "korch-stop-port-forward");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (forwarder.listen(addresses, forwards).isEmpty()) {
                throw new CommandFailedException("unable to listen on any of the requested ports: " + forwards);
            }
            CompletableFuture.anyOf(stopped, forwarder.lost()).get();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new CommandFailedException("lost connection to pod");
        } finally {
            forwarder.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the process is stopping: the hook runs
            }
        }
    }

    private JsonNode firstPod(ApiClient client, String namespace, JsonNode labels, PortForwardTarget.Named named) {
        List<JsonNode> pods = new ArrayList<>();
        client.get(ApiClient.withQuery(ApiKind.POD.collectionPath(namespace),
                        Map.of("labelSelector", PortForwardTarget.selector(labels))))
                .path("items").forEach(pods::add);
        return PodContainerChoice.firstPod(pods).orElseThrow(() -> new CommandFailedException(
                "no pods of " + named.describe() + " match its selector " + PortForwardTarget.selector(labels)));
    }

    /** The path of a Service, a core v1 kind. */
    static String servicePath(String namespace, String name) {
        return "/api/v1/namespaces/" + encode(namespace) + "/services/" + encode(name);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

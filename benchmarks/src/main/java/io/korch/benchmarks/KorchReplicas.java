package io.korch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevClusterOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replicas as one korch Deployment on a dev cluster in this process (a real broker, the gateway, controllers,
 * scheduler and two node agents on this Docker engine, as {@code korch dev} runs them). Converge creates the
 * Deployment, the update changes its template's image to the second tag, the scale to zero sets its
 * {@code scale} to 0, each through the REST API; a step ends once the engine lists the nodes' running containers
 * as many as the pods need (a sandbox and the container per pod, none once scaled to zero) and then the API shows
 * the pods as the step wants them (all Running with every container ready, all of the new template). The API is
 * asked only once the engine's count is right: the benchmark runs in the cluster's process, and listing a hundred
 * pods every poll would take cpu from the cluster.
 */
final class KorchReplicas implements Replicas {

    static final String NAME = "bench";
    private static final String NODE_PREFIX = "bench-node-";
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/" + NAME;
    private static final String PODS = "/api/v1/namespaces/default/pods?labelSelector=app%3D" + NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final PrintStream progress;
    private final RunningContainers containers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DevCluster cluster;

    KorchReplicas(Path dataDir, PrintStream progress, RunningContainers containers) {
        this.dataDir = dataDir;
        this.progress = progress;
        this.containers = containers;
    }

    @Override
    public String name() {
        return "korch";
    }

    @Override
    public int startsPerReplica() {
        return 2;
    }

    @Override
    public void setUp() {
        DevClusterOptions options = DevClusterOptions.ephemeral(dataDir).withNodes(0).withAllowProcessFallback(false);
        cluster = DevCluster.start(options, progress);
        cluster.startAgent(NODE_PREFIX + 1);
        cluster.startAgent(NODE_PREFIX + 2);
    }

    @Override
    public void converge(int count, Duration timeout) {
        send("POST", "/apis/apps/v1/namespaces/default/deployments", deployment(count));
        awaitPods(count, Converge.IMAGE, timeout);
    }

    @Override
    public void update(int count, Duration timeout) {
        replace(DEPLOYMENT, deployment -> ((ObjectNode) deployment.at("/spec/template/spec/containers/0"))
                .put("image", Converge.IMAGE_V2));
        awaitPods(count, Converge.IMAGE_V2, timeout);
    }

    @Override
    public void scaleToZero(Duration timeout) {
        replace(DEPLOYMENT + "/scale", scale -> scale.withObjectProperty("spec").put("replicas", 0));
        awaitPods(0, Converge.IMAGE, timeout);
    }

    @Override
    public void close() {
        if (cluster == null) {
            return;
        }
        try {
            send("DELETE", DEPLOYMENT, null);
            awaitPods(0, Converge.IMAGE, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            progress.println("korch: " + e.getMessage() + "; removing its containers");
        }
        cluster.close();
        cluster = null;
        for (int node = 1; node <= 2; node++) {
            List<String> ids = containers.allIds(ContainerLabels.NODE, NODE_PREFIX + node);
            if (!ids.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(ids);
                DockerCli.run(args);
            }
        }
    }

    /**
     * Waits until the API lists {@code count} pods, every one Running with its containers ready and of
     * {@code image}, and the nodes run two containers per pod and no more.
     */
    private void awaitPods(int count, String image, Duration timeout) {
        Converge.await(count + " korch pods of " + image + " to run", timeout, () -> {
            if (runningContainers() != 2 * count) {
                return false;
            }
            List<JsonNode> pods = new ArrayList<>();
            send("GET", PODS, null).path("items").forEach(pods::add);
            return pods.size() == count && pods.stream().allMatch(pod -> ready(pod, image));
        });
    }

    private static boolean ready(JsonNode pod, String image) {
        JsonNode statuses = pod.at("/status/containerStatuses");
        return image.equals(pod.at("/spec/containers/0/image").asText())
                && "Running".equals(pod.at("/status/phase").asText())
                && statuses.size() == 1 && statuses.get(0).path("ready").asBoolean();
    }

    private int runningContainers() {
        int running = 0;
        for (int node = 1; node <= 2; node++) {
            running += containers.labelled(ContainerLabels.NODE, NODE_PREFIX + node).size();
        }
        return running;
    }

    private static ObjectNode deployment(int replicas) {
        ObjectNode deployment = JSON.createObjectNode();
        deployment.put("apiVersion", "apps/v1").put("kind", "Deployment");
        deployment.putObject("metadata").put("name", NAME).putObject("labels").put("app", NAME);
        ObjectNode spec = deployment.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", NAME);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", NAME);
        ObjectNode container = template.putObject("spec").putArray("containers").addObject();
        container.put("name", "sleep").put("image", Converge.IMAGE).put("imagePullPolicy", "Never");
        container.putArray("command").add("sleep").add("3600");
        return deployment;
    }

    /**
     * Reads the object at {@code path}, changes it and writes it back; read again and retried when the controllers
     * wrote its status in between (409 Conflict).
     */
    private void replace(String path, Consumer<ObjectNode> change) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode object = (ObjectNode) send("GET", path, null);
            object.remove("status");
            change.accept(object);
            try {
                send("PUT", path, object);
                return;
            } catch (Conflict e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** A write refused because the object changed since it was read. */
    private static final class Conflict extends IllegalStateException {
        Conflict(String message) {
            super(message);
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.apiUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                throw new Conflict(method + " " + path + " answered 409: " + response.body());
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot call the korch API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

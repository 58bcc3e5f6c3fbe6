package io.korch.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.ContainerUsage;
import io.korch.api.Node;
import io.korch.api.NodeUsage;
import io.korch.api.Pod;
import io.korch.api.PodUsage;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.NodeStore;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.view.UsageView;
import io.korch.model.Quantity;
import io.korch.model.Selector;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource metrics API, {@code metrics.k8s.io/v1beta1}, as metrics-server serves it to {@code kubectl top} and
 * autoscalers: {@code NodeMetrics} and {@code PodMetrics}, got and listed (pods by {@code labelSelector}), from the
 * latest fresh sample of each node and pod ({@link UsageView}). Only pods that exist, with the uid sampled, and
 * run are served, and only nodes that exist; their labels are the object's. Read only: other verbs answer 405.
 */
final class MetricsHandlers {

    static final String GROUP_VERSION = "metrics.k8s.io/v1beta1";
    static final String PREFIX = "/apis/" + GROUP_VERSION;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RUNNING = "Running";

    private final UsageView usage;
    private final ObjectStore store;
    private final NodeStore nodes;
    private final Clock clock;

    MetricsHandlers(UsageView usage, ObjectStore store, Clock clock) {
        this.usage = usage;
        this.store = store;
        this.nodes = new NodeStore(store);
        this.clock = clock;
    }

    static void mount(Router router, UsageView usage, ObjectStore store) {
        MetricsHandlers handlers = new MetricsHandlers(usage, store, Clock.systemUTC());
        router.get(PREFIX + "/nodes").handler(handlers::listNodes);
        router.get(PREFIX + "/nodes/:name").handler(handlers::getNode);
        router.get(PREFIX + "/pods").handler(handlers::listPods);
        router.get(PREFIX + "/namespaces/:namespace/pods").handler(handlers::listPods);
        router.get(PREFIX + "/namespaces/:namespace/pods/:name").handler(handlers::getPod);
    }

    void listNodes(RoutingContext ctx) {
        Selector selector = Lists.labelSelector(ctx);
        Instant now = clock.instant();
        ArrayNode items = NODES.arrayNode();
        for (NodeUsage sample : usage.nodes(now)) {
            node(sample.getNodeName()).filter(node -> selector.matches(node.getMetadata().getLabels()))
                    .ifPresent(node -> items.add(nodeMetrics(sample, node, now)));
        }
        Negotiation.respond(ctx, 200, list("NodeMetricsList", items));
    }

    void getNode(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        Instant now = clock.instant();
        Optional<Node> node = node(name);
        NodeUsage sample = usage.node(name, now).filter(s -> node.isPresent())
                .orElseThrow(() -> notFound("nodemetrics", name, name));
        Negotiation.respond(ctx, 200, nodeMetrics(sample, node.get(), now));
    }

    void listPods(RoutingContext ctx) {
        Selector selector = Lists.labelSelector(ctx);
        Instant now = clock.instant();
        ArrayNode items = NODES.arrayNode();
        for (PodUsage sample : usage.pods(ctx.pathParam(ObjectHandlers.NAMESPACE), now)) {
            runningPod(sample).filter(pod -> selector.matches(pod.getMetadata().getLabels()))
                    .ifPresent(pod -> items.add(podMetrics(sample, pod, now)));
        }
        Negotiation.respond(ctx, 200, list("PodMetricsList", items));
    }

    void getPod(RoutingContext ctx) {
        String name = ctx.pathParam(ObjectHandlers.NAME);
        String key = ctx.pathParam(ObjectHandlers.NAMESPACE) + "/" + name;
        Instant now = clock.instant();
        PodUsage sample = usage.pod(key, now).orElseThrow(() -> notFound("podmetrics", key, name));
        Pod pod = runningPod(sample).orElseThrow(() -> notFound("podmetrics", key, name));
        Negotiation.respond(ctx, 200, podMetrics(sample, pod, now));
    }

    /** The pod a sample was taken of, if it still exists and runs. */
    private Optional<Pod> runningPod(PodUsage sample) {
        String key = sample.getNamespace() + "/" + sample.getName();
        return store.find(Resources.PODS, key)
                .map(stored -> store.serve(Resources.PODS, key, stored))
                .filter(pod -> sample.getUid() == null || sample.getUid().equals(pod.getMetadata().getUid()))
                .filter(pod -> pod.getStatus() != null && RUNNING.equals(pod.getStatus().getPhase()));
    }

    private Optional<Node> node(String name) {
        return nodes.find(name).map(stored -> store.serve(Resources.NODES, name, stored));
    }

    private static ObjectNode podMetrics(PodUsage sample, Pod pod, Instant now) {
        ObjectNode metrics = header("PodMetrics", sample.getName(), sample.getNamespace(), pod.getMetadata().getLabels(),
                now);
        sample(metrics, sample.getTimestamp(), sample.getWindowMillis());
        ArrayNode containers = metrics.putArray("containers");
        for (ContainerUsage container : sample.getContainers()) {
            ObjectNode entry = containers.addObject();
            entry.put("name", container.getName());
            entry.set("usage", usage(container.getCpuNanoCores(), container.getMemoryBytes()));
        }
        return metrics;
    }

    private static ObjectNode nodeMetrics(NodeUsage sample, Node node, Instant now) {
        ObjectNode metrics = header("NodeMetrics", sample.getNodeName(), null, node.getMetadata().getLabels(), now);
        sample(metrics, sample.getTimestamp(), sample.getWindowMillis());
        metrics.set("usage", usage(sample.getCpuNanoCores(), sample.getMemoryBytes()));
        return metrics;
    }

    /** Kind, apiVersion and metadata; like metrics-server, an object made now, at the request. */
    private static ObjectNode header(String kind, String name, String namespace, Map<String, String> labels,
                                     Instant now) {
        ObjectNode metrics = NODES.objectNode();
        metrics.put("kind", kind);
        metrics.put("apiVersion", GROUP_VERSION);
        ObjectNode metadata = metrics.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("creationTimestamp", time(now));
        if (labels != null && !labels.isEmpty()) {
            ObjectNode labelsNode = metadata.putObject("labels");
            labels.forEach(labelsNode::put);
        }
        return metrics;
    }

    private static void sample(ObjectNode metrics, Instant timestamp, long windowMillis) {
        metrics.put("timestamp", time(timestamp));
        metrics.put("window", GoDurations.format(Duration.ofMillis(windowMillis)));
    }

    private static ObjectNode usage(long nanoCores, long memoryBytes) {
        return NODES.objectNode()
                .put("cpu", Quantity.formatNanoCores(nanoCores))
                .put("memory", Quantity.formatBytes(memoryBytes));
    }

    private static ObjectNode list(String kind, ArrayNode items) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", kind);
        list.put("apiVersion", GROUP_VERSION);
        list.putObject("metadata");
        list.set("items", items);
        return list;
    }

    /** RFC 3339 to the second, as Kubernetes writes times. */
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** As metrics-server says it: a pod is named {@code namespace/name}. */
    private static ApiError notFound(String resource, String shown, String name) {
        return new ApiError(404, "NotFound", resource + ".metrics.k8s.io \"" + shown + "\" not found",
                new ApiError.Details(name, resource, List.of()));
    }
}

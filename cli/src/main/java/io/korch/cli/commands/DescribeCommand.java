package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.ConfigMap;
import io.korch.api.Deployment;
import io.korch.api.EndpointSlice;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.Endpoints;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.api.Secret;
import io.korch.api.Service;
import io.korch.api.ServiceAccount;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.ApiException;
import io.korch.cli.output.ObjectFormats;
import io.korch.cli.output.describe.ConfigMapDescriber;
import io.korch.cli.output.describe.DeploymentDescriber;
import io.korch.cli.output.describe.DescribeContext;
import io.korch.cli.output.describe.EndpointSliceDescriber;
import io.korch.cli.output.describe.EndpointsDescriber;
import io.korch.cli.output.describe.EventHistory;
import io.korch.cli.output.describe.HorizontalPodAutoscalerDescriber;
import io.korch.cli.output.describe.NamespaceDescriber;
import io.korch.cli.output.describe.NodeDescriber;
import io.korch.cli.output.describe.PodDescriber;
import io.korch.cli.output.describe.ReplicaSetDescriber;
import io.korch.cli.output.describe.SecretDescriber;
import io.korch.cli.output.describe.ServiceAccountDescriber;
import io.korch.cli.output.describe.ServiceDescriber;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.ClusterNetwork;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code korch describe KIND [NAME...]}: a report for people on each object — its status in words,
 * the objects around it (a node's pods, a deployment's ReplicaSets, a ReplicaSet's pods) and its
 * events, selected by the object's kind and name, a repeated one shown once with how often and over
 * how long it happened ({@code 2m (x3 over 5m)}).
 * Without a name, every object of the kind in the namespace is described.
 */
@Command(name = "describe", sortOptions = false,
        description = "Show details of pods, nodes, deployments, replicasets or namespaces, with their events.")
public final class DescribeCommand extends ClientCommand {

    private static final Set<String> FINISHED_PHASES = Set.of("Succeeded", "Failed");

    @Parameters(index = "0", arity = "1", paramLabel = "KIND",
            description = "pod, node, deployment, replicaset or namespace, or KIND/NAME.")
    private String kindName;

    @Parameters(index = "1..*", paramLabel = "NAME", description = "Names of the objects to describe (default: all in the namespace).")
    private List<String> names = new ArrayList<>();

    private ApiClient client;
    private DescribeContext at;

    @Override
    public Integer call() {
        KindArguments target = KindArguments.parse(kindName, names);
        ApiKind kind = target.kind();
        client = options().client();
        at = new DescribeContext(context().clock().instant(), context().clock().getZone());
        String namespace = options().namespaceOrDefault();
        Refusals missing = new Refusals(err());
        List<JsonNode> objects;
        if (target.names().isEmpty()) {
            objects = new ArrayList<>();
            client.get(kind.collectionPath(namespace)).path("items").forEach(objects::add);
            if (objects.isEmpty()) {
                reportNoneFound(kind.namespaced() ? namespace : null);
            }
        } else {
            objects = getNamed(client, kind, namespace, target.names(), missing);
        }
        PrintWriter out = out();
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.print(report(kind, ApiJson.read(objects.get(i), kind.type())));
            out.flush();
        }
        return missing.exitCode();
    }

    private String report(ApiKind kind, SpecificRecord object) {
        return switch (kind) {
            case POD -> {
                Pod pod = (Pod) object;
                yield PodDescriber.describe(pod, events(kind, pod.getMetadata()), at);
            }
            case NODE -> {
                Node node = (Node) object;
                yield NodeDescriber.describe(node, podsOn(node.getMetadata().getName()), events(kind, node.getMetadata()), at);
            }
            case DEPLOYMENT -> {
                Deployment deployment = (Deployment) object;
                List<ReplicaSet> owned = list(ApiKind.REPLICASET, deployment.getMetadata().getNamespace(), ReplicaSet.class)
                        .stream().filter(rs -> ownedBy(rs.getMetadata(), deployment.getMetadata())).toList();
                yield DeploymentDescriber.describe(deployment, owned, events(kind, deployment.getMetadata()), at);
            }
            case REPLICASET -> {
                ReplicaSet replicaSet = (ReplicaSet) object;
                List<Pod> pods = list(ApiKind.POD, replicaSet.getMetadata().getNamespace(), Pod.class)
                        .stream().filter(p -> ownedBy(p.getMetadata(), replicaSet.getMetadata())).toList();
                yield ReplicaSetDescriber.describe(replicaSet, pods, events(kind, replicaSet.getMetadata()), at);
            }
            case NAMESPACE -> NamespaceDescriber.describe((Namespace) object);
            case EVENT -> ObjectFormats.yaml(ObjectFormats.withKind(kind, ApiJson.write(object)));
            case CONFIGMAP -> ConfigMapDescriber.describe((ConfigMap) object);
            case SECRET -> SecretDescriber.describe((Secret) object);
            case SERVICEACCOUNT -> ServiceAccountDescriber.describe((ServiceAccount) object);
            case SERVICE -> {
                Service service = (Service) object;
                yield ServiceDescriber.describe(service, slicesOf(service), events(kind, service.getMetadata()), at);
            }
            case ENDPOINTS -> {
                Endpoints endpoints = (Endpoints) object;
                yield EndpointsDescriber.describe(endpoints, events(kind, endpoints.getMetadata()), at);
            }
            case ENDPOINTSLICE -> {
                EndpointSlice slice = (EndpointSlice) object;
                yield EndpointSliceDescriber.describe(slice, events(kind, slice.getMetadata()), at);
            }
            case HORIZONTALPODAUTOSCALER -> {
                HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) object;
                yield HorizontalPodAutoscalerDescriber.describe(hpa, events(kind, hpa.getMetadata()), at);
            }
        };
    }

    /** The EndpointSlices of {@code service}, found by their service-name label; none when they cannot be read. */
    private List<EndpointSlice> slicesOf(Service service) {
        String selector = ClusterNetwork.SERVICE_NAME_LABEL + "=" + service.getMetadata().getName();
        String path = ApiKind.ENDPOINTSLICE.collectionPath(service.getMetadata().getNamespace()) + "?labelSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8);
        try {
            List<EndpointSlice> slices = new ArrayList<>();
            client.get(path).path("items").forEach(item -> slices.add(ApiJson.read(item, EndpointSlice.class)));
            return slices;
        } catch (ApiException e) {
            return List.of();
        }
    }

    /** The events about one object, selected by its kind and name. */
    private EventHistory events(ApiKind kind, ObjectMeta meta) {
        String namespace = EventReader.namespaceOf(kind, meta.getNamespace());
        try {
            return EventHistory.of(EventReader.read(client, namespace, kind, meta.getName(), null));
        } catch (ApiException | IllegalArgumentException e) {
            return EventHistory.unavailable(e.getMessage());
        }
    }

    /** The unfinished pods bound to {@code nodeName}, in every namespace. */
    private List<Pod> podsOn(String nodeName) {
        List<Pod> pods = new ArrayList<>();
        for (JsonNode item : client.get(ApiKind.POD.groupPath() + "/" + ApiKind.POD.plural()).path("items")) {
            Pod pod = ApiJson.read(item, Pod.class);
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (nodeName.equals(pod.getSpec().getNodeName()) && !FINISHED_PHASES.contains(phase)) {
                pods.add(pod);
            }
        }
        pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                .thenComparing(p -> p.getMetadata().getName()));
        return pods;
    }

    private <T extends SpecificRecord> List<T> list(ApiKind kind, String namespace, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : client.get(kind.collectionPath(namespace)).path("items")) {
            items.add(ApiJson.read(item, type));
        }
        return items;
    }

    private static boolean ownedBy(ObjectMeta child, ObjectMeta owner) {
        for (OwnerReference reference : child.getOwnerReferences()) {
            if (owner.getUid() != null ? owner.getUid().equals(reference.getUid()) : owner.getName().equals(reference.getName())) {
                return true;
            }
        }
        return false;
    }
}

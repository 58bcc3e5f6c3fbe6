package io.korch.model;

import io.korch.api.ConfigMap;
import io.korch.api.Deployment;
import io.korch.api.EndpointSlice;
import io.korch.api.Endpoints;
import io.korch.api.Event;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.api.Secret;
import io.korch.api.Service;
import io.korch.api.ServiceAccount;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The object kinds korch serves, with what the REST API, its discovery documents and the CLI need
 * to know of each: its API group and version, its plural, singular and short resource names, the
 * categories it belongs to ({@code all} for what {@code get all} lists), whether it lives in a
 * namespace, and its Avro record class.
 */
public enum ApiKind {
    NAMESPACE("", "v1", "Namespace", "namespaces", "namespace", List.of("ns"), List.of(), false, Namespace.class),
    NODE("", "v1", "Node", "nodes", "node", List.of("no"), List.of(), false, Node.class),
    POD("", "v1", "Pod", "pods", "pod", List.of("po"), List.of("all"), true, Pod.class),
    EVENT("", "v1", "Event", "events", "event", List.of("ev"), List.of(), true, Event.class),
    SERVICE("", "v1", "Service", "services", "service", List.of("svc"), List.of("all"), true, Service.class),
    ENDPOINTS("", "v1", "Endpoints", "endpoints", "endpoints", List.of("ep"), List.of(), true, Endpoints.class),
    CONFIGMAP("", "v1", "ConfigMap", "configmaps", "configmap", List.of("cm"), List.of(), true, ConfigMap.class),
    SECRET("", "v1", "Secret", "secrets", "secret", List.of(), List.of(), true, Secret.class),
    SERVICEACCOUNT("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", List.of("sa"), List.of(), true,
            ServiceAccount.class),
    REPLICASET("apps", "v1", "ReplicaSet", "replicasets", "replicaset", List.of("rs"), List.of("all"), true,
            ReplicaSet.class),
    DEPLOYMENT("apps", "v1", "Deployment", "deployments", "deployment", List.of("deploy"), List.of("all"), true,
            Deployment.class),
    ENDPOINTSLICE("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", "endpointslice", List.of(), List.of(),
            true, EndpointSlice.class),
    HORIZONTALPODAUTOSCALER("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers",
            "horizontalpodautoscaler", List.of("hpa"), List.of("all"), true, HorizontalPodAutoscaler.class);

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final String singular;
    private final List<String> shortNames;
    private final List<String> categories;
    private final boolean namespaced;
    private final Class<? extends SpecificRecord> type;

    ApiKind(String group, String version, String kind, String plural, String singular, List<String> shortNames,
            List<String> categories, boolean namespaced, Class<? extends SpecificRecord> type) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.singular = singular;
        this.shortNames = shortNames;
        this.categories = categories;
        this.namespaced = namespaced;
        this.type = type;
    }

    /** The API group: empty for the core group, {@code apps}, {@code discovery.k8s.io}, {@code autoscaling}. */
    public String group() {
        return group;
    }

    /** The version within the group: {@code v1}. */
    public String version() {
        return version;
    }

    /** The singular resource name: {@code deployment}. */
    public String singular() {
        return singular;
    }

    /** The short resource names: {@code deploy}. */
    public List<String> shortNames() {
        return shortNames;
    }

    /** The categories the kind belongs to: {@code all} for what {@code kubectl get all} lists; empty for none. */
    public List<String> categories() {
        return categories;
    }

    /** The group and version as manifests write them: {@code v1}, {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kind as written in manifests: {@code Deployment}. */
    public String kind() {
        return kind;
    }

    /** The resource name in URL paths: {@code deployments}. */
    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public Class<? extends SpecificRecord> type() {
        return type;
    }

    /** The URL prefix of this kind's API group: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** The collection path: {@code /apis/apps/v1/namespaces/NS/deployments} or {@code /api/v1/nodes}. */
    public String collectionPath(String namespace) {
        return namespaced ? groupPath() + "/namespaces/" + namespace + "/" + plural : groupPath() + "/" + plural;
    }

    /** The path of one object. */
    public String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + name;
    }

    /** The kind a manifest declares, when korch serves it at that apiVersion. */
    public static Optional<ApiKind> fromManifest(String apiVersion, String kind) {
        return Arrays.stream(values())
                .filter(k -> k.kind.equals(kind) && k.apiVersion().equals(apiVersion))
                .findFirst();
    }

    /** The kind a CLI argument names: plural, singular, short name or kind, any case. */
    public static Optional<ApiKind> fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.plural.equals(lower) || k.singular.equals(lower) || k.shortNames.contains(lower)
                        || k.kind.equalsIgnoreCase(lower))
                .findFirst();
    }
}

package io.korch.model;

import io.korch.api.Deployment;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The object kinds korch serves, with what the REST API and the CLI need to know of each: its
 * {@code apiVersion}, its plural resource name and short names, whether it lives in a namespace,
 * and its Avro record class.
 */
public enum ApiKind {
    NAMESPACE("v1", "Namespace", "namespaces", List.of("namespace", "ns"), false, Namespace.class),
    NODE("v1", "Node", "nodes", List.of("node", "no"), false, Node.class),
    POD("v1", "Pod", "pods", List.of("pod", "po"), true, Pod.class),
    REPLICASET("apps/v1", "ReplicaSet", "replicasets", List.of("replicaset", "rs"), true, ReplicaSet.class),
    DEPLOYMENT("apps/v1", "Deployment", "deployments", List.of("deployment", "deploy"), true, Deployment.class);

    private final String apiVersion;
    private final String kind;
    private final String plural;
    private final List<String> aliases;
    private final boolean namespaced;
    private final Class<? extends SpecificRecord> type;

    ApiKind(String apiVersion, String kind, String plural, List<String> aliases, boolean namespaced,
            Class<? extends SpecificRecord> type) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.plural = plural;
        this.aliases = aliases;
        this.namespaced = namespaced;
        this.type = type;
    }

    public String apiVersion() {
        return apiVersion;
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
        return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
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
                .filter(k -> k.kind.equals(kind) && k.apiVersion.equals(apiVersion))
                .findFirst();
    }

    /** The kind a CLI argument names: plural, singular, short name or kind, any case. */
    public static Optional<ApiKind> fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.plural.equals(lower) || k.aliases.contains(lower) || k.kind.equalsIgnoreCase(lower))
                .findFirst();
    }
}

package io.korch.gateway.discovery;

import io.korch.gateway.conversion.AutoscalingV1;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Scales;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * What the gateway serves, resource by resource, in the order discovery lists it: every
 * {@link ApiKind} with the verbs of its routes, the {@code scale} subresource of Deployments and ReplicaSets, the
 * {@code status} subresource of every kind that has a status (not ConfigMaps, Secrets nor
 * ServiceAccounts), Events, EndpointSlices and Endpoints, which are read only ({@link Resources#READ_ONLY}),
 * HorizontalPodAutoscalers at {@code autoscaling/v1} too, and the resource metrics of
 * {@code metrics.k8s.io} ({@link #METRICS}). The discovery
 * documents and the OpenAPI documents are both built from this one list, so they cannot disagree.
 *
 * <p>Status subresources ({@code pods/status}...) are read only: agents and controllers report
 * status through Kafka, never through the API.
 */
public final class ServedApi {

    /** The verbs of every kind but namespaces. */
    static final Set<Verb> OBJECT_VERBS = EnumSet.allOf(Verb.class);
    /** Namespaces are not deleted by collection, as in Kubernetes. */
    static final Set<Verb> NAMESPACE_VERBS = EnumSet.complementOf(EnumSet.of(Verb.DELETECOLLECTION));
    /** The kinds korch's components write ({@link Resources#READ_ONLY}) are read, listed and watched. */
    static final Set<Verb> READ_ONLY_VERBS = EnumSet.of(Verb.GET, Verb.LIST, Verb.WATCH);

    static final GroupVersion AUTOSCALING_V1 = new GroupVersion("autoscaling", "v1");
    static final ServedResource.Subresource SCALE = new ServedResource.Subresource("scale", AUTOSCALING_V1, "Scale",
            List.of(Verb.GET, Verb.PATCH, Verb.UPDATE));

    /** A pod's container log ({@code kubectl logs}), streamed as text. */
    static final ServedResource.Subresource POD_LOG = new ServedResource.Subresource("log",
            new GroupVersion("", "v1"), "Pod", List.of(Verb.GET));
    /** A command run in a pod's container ({@code kubectl exec}), over a WebSocket. */
    static final ServedResource.Subresource POD_EXEC = new ServedResource.Subresource("exec",
            new GroupVersion("", "v1"), "PodExecOptions", List.of(Verb.CREATE, Verb.GET));
    /** Connections forwarded to a pod's ports ({@code kubectl port-forward}), over a WebSocket. */
    static final ServedResource.Subresource POD_PORTFORWARD = new ServedResource.Subresource("portforward",
            new GroupVersion("", "v1"), "PodPortForwardOptions", List.of(Verb.CREATE, Verb.GET));
    /** Subresources that stream rather than serve an object: in discovery, not in OpenAPI. */
    static final List<ServedResource.Subresource> STREAMING = List.of(POD_LOG, POD_EXEC, POD_PORTFORWARD);

    static final GroupVersion METRICS_V1BETA1 = new GroupVersion("metrics.k8s.io", "v1beta1");
    /** Samples of resource use are got and listed only, as metrics-server serves them. */
    static final List<Verb> METRICS_VERBS = List.of(Verb.GET, Verb.LIST);
    /**
     * The resource metrics API ({@code kubectl top}, autoscalers): NodeMetrics and PodMetrics, built from the
     * latest samples rather than stored objects, so they have no Avro schema: in discovery, not in OpenAPI.
     */
    static final List<ServedResource> METRICS = List.of(
            new ServedResource(METRICS_V1BETA1, "NodeMetrics", "nodes", "", false, METRICS_VERBS, List.of(),
                    List.of(), null, List.of()),
            new ServedResource(METRICS_V1BETA1, "PodMetrics", "pods", "", true, METRICS_VERBS, List.of(), List.of(),
                    null, List.of()));

    /** The object with its status, read only. */
    static final List<Verb> STATUS_VERBS = List.of(Verb.GET);

    private static final ServedApi KORCH = new ServedApi(korchResources());

    private final List<ServedResource> resources;

    ServedApi(List<ServedResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** What this gateway serves. */
    public static ServedApi korch() {
        return KORCH;
    }

    /** Every served resource. */
    public List<ServedResource> resources() {
        return resources;
    }

    /** The group versions served, the core group first. */
    public List<GroupVersion> groupVersions() {
        Set<GroupVersion> versions = new LinkedHashSet<>();
        resources.stream().filter(r -> r.groupVersion().core()).forEach(r -> versions.add(r.groupVersion()));
        resources.forEach(r -> versions.add(r.groupVersion()));
        return List.copyOf(versions);
    }

    /** The group versions OpenAPI describes: those with a resource that has a schema (not {@link #METRICS}). */
    public List<GroupVersion> documentedGroupVersions() {
        return groupVersions().stream()
                .filter(gv -> resources(gv).stream().anyMatch(resource -> resource.schema() != null))
                .toList();
    }

    /** The group versions served of the named groups ({@code /apis}), in order. */
    public List<GroupVersion> namedGroupVersions() {
        return groupVersions().stream().filter(gv -> !gv.core()).toList();
    }

    /** The versions served of {@code group}, preferred first; empty when it is not served. */
    public List<GroupVersion> versionsOf(String group) {
        return groupVersions().stream().filter(gv -> gv.group().equals(group)).toList();
    }

    /** The resources of one group version; empty when it is not served. */
    public List<ServedResource> resources(GroupVersion groupVersion) {
        return resources.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
    }

    /** The served group version at {@code group}/{@code version}, if any. */
    public Optional<GroupVersion> find(String group, String version) {
        return groupVersions().stream()
                .filter(gv -> gv.group().equals(group) && gv.version().equals(version))
                .findFirst();
    }

    private static List<ServedResource> korchResources() {
        List<ServedResource> served = new ArrayList<>();
        for (ApiKind kind : ApiKind.values()) {
            Set<Verb> verbs = kind == ApiKind.NAMESPACE ? NAMESPACE_VERBS
                    : Resources.READ_ONLY.contains(kind) ? READ_ONLY_VERBS : OBJECT_VERBS;
            GroupVersion groupVersion = new GroupVersion(kind.group(), kind.version());
            Schema schema = SpecificData.get().getSchema(kind.type());
            List<ServedResource.Subresource> subresources = new ArrayList<>();
            if (Scales.KINDS.contains(kind)) {
                subresources.add(SCALE);
            }
            if (kind == ApiKind.POD) {
                subresources.add(POD_EXEC);
                subresources.add(POD_LOG);
                subresources.add(POD_PORTFORWARD);
            }
            if (schema.getField("status") != null) {
                subresources.add(new ServedResource.Subresource("status", groupVersion, kind.kind(), STATUS_VERBS));
            }
            served.add(new ServedResource(groupVersion, kind.kind(), kind.plural(),
                    kind.singular(), kind.namespaced(), List.copyOf(verbs), kind.shortNames(), kind.categories(),
                    schema, List.copyOf(subresources)));
        }
        served.add(autoscalingV1());
        served.addAll(METRICS);
        return served;
    }

    /**
     * HorizontalPodAutoscalers at {@code autoscaling/v1}, listed after the stored {@code autoscaling/v2}, which
     * discovery so prefers: the same objects, converted ({@link AutoscalingV1}).
     */
    private static ServedResource autoscalingV1() {
        ApiKind kind = ApiKind.HORIZONTALPODAUTOSCALER;
        GroupVersion v1 = new GroupVersion(kind.group(), "v1");
        return new ServedResource(v1, kind.kind(), kind.plural(), kind.singular(), true, List.copyOf(OBJECT_VERBS),
                kind.shortNames(), kind.categories(), io.korch.api.autoscaling.v1.HorizontalPodAutoscaler.getClassSchema(),
                List.of(new ServedResource.Subresource("status", v1, kind.kind(), STATUS_VERBS)));
    }
}

package io.korch.gateway.resource;

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
import io.korch.gateway.validation.ConfigMapValidator;
import io.korch.gateway.validation.DeploymentValidator;
import io.korch.gateway.validation.HorizontalPodAutoscalerValidator;
import io.korch.gateway.validation.NamespaceValidator;
import io.korch.gateway.validation.NodeValidator;
import io.korch.gateway.validation.PodValidator;
import io.korch.gateway.validation.ReplicaSetValidator;
import io.korch.gateway.validation.SecretValidator;
import io.korch.gateway.validation.ServiceAccountValidator;
import io.korch.gateway.validation.ServiceValidator;
import io.korch.model.ApiKind;
import io.korch.model.AutoscalerDefaults;
import io.korch.model.NodeViews;
import io.korch.model.Owners;
import io.korch.model.SecretData;
import io.korch.model.DeploymentDefaults;
import io.korch.model.ServiceDefaults;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import java.util.List;
import java.util.Set;

/** The kinds the gateway serves, each wired to its topics, validator and status sources. */
public final class Resources {

    public static final ResourceType<Namespace> NAMESPACES = new ResourceType<>(
            ApiKind.NAMESPACE, Namespace.class, Topics.NAMESPACES, null, new NamespaceValidator(),
            (namespace, key, view) -> StatusMerge.namespace(namespace));

    /**
     * Nodes: users' declarations ({@code korch.node-specs}) merged with their agents' registrations
     * ({@code korch.nodes}) by {@link NodeStore}, never through {@link ObjectStore}, served with the
     * pod CIDRs the node IPAM controller gave them ({@code korch.node-pod-cidrs}).
     */
    public static final ResourceType<Node> NODES = new ResourceType<>(
            ApiKind.NODE, Node.class, Topics.NODE_SPECS, null, new NodeValidator(),
            (node, key, view) -> StatusMerge.node(NodeViews.withPodCidrs(node, view.table(Topics.NODE_POD_CIDRS).value(key)),
                    view.table(Topics.NODE_HEALTH).value(key)));

    /**
     * Pods: declared ({@code korch.pods}) or written by the replicaset controller
     * ({@code korch.owned.pods}), served with the owners its {@code korch.pod-owners} record gives them.
     * The ServiceAccount a pod runs as is defaulted when a user's pod is admitted, and when any pod
     * is served: the controller's pods are written without the gateway.
     */
    public static final ResourceType<Pod> PODS = new ResourceType<>(
            ApiKind.POD, Pod.class, Topics.PODS, Topics.OWNED_PODS, new PodValidator(),
            (pod, key, view) -> StatusMerge.pod(
                    ServiceAccounts.defaulted(Owners.withOwnership(pod, view.table(Topics.POD_OWNERS).value(key))),
                    view.table(Topics.BINDINGS).value(key),
                    view.table(Topics.POD_STATUS).value(Keys.podStatus(key, pod.getMetadata().getUid()))),
            ServiceAccounts::defaulted);

    public static final ResourceType<ConfigMap> CONFIGMAPS = new ResourceType<>(
            ApiKind.CONFIGMAP, ConfigMap.class, Topics.CONFIGMAPS, null, new ConfigMapValidator(),
            (configMap, key, view) -> configMap);

    /** Secrets: {@code stringData} merged into {@code data} and the type defaulted before they are validated. */
    public static final ResourceType<Secret> SECRETS = new ResourceType<>(
            ApiKind.SECRET, Secret.class, Topics.SECRETS, null, new SecretValidator(),
            (secret, key, view) -> secret, SecretData::defaulted);

    public static final ResourceType<ServiceAccount> SERVICEACCOUNTS = new ResourceType<>(
            ApiKind.SERVICEACCOUNT, ServiceAccount.class, Topics.SERVICEACCOUNTS, null, new ServiceAccountValidator(),
            (serviceAccount, key, view) -> serviceAccount);

    /**
     * Services: defaulted as Kubernetes defaults them before they are validated; a replace keeps
     * the cluster IP and node ports allocated to the Service it replaces when it leaves them out.
     * Their cluster IP and node ports are allocated by the gateway as they are written
     * ({@link io.korch.gateway.allocation.ServiceAllocator}).
     */
    public static final ResourceType<Service> SERVICES = new ResourceType<>(
            ApiKind.SERVICE, Service.class, Topics.SERVICES, null, new ServiceValidator(),
            (service, key, view) -> service, ServiceDefaults::defaulted, ServiceUpdates::kept);

    /** EndpointSlices, kept by the endpoints controller and served read only. */
    public static final ResourceType<EndpointSlice> ENDPOINTSLICES = new ResourceType<>(
            ApiKind.ENDPOINTSLICE, EndpointSlice.class, Topics.ENDPOINT_SLICES, null, slice -> List.of(),
            (slice, key, view) -> slice);

    /** Endpoints, kept by the endpoints controller in the older v1 shape and served read only. */
    public static final ResourceType<Endpoints> ENDPOINTS = new ResourceType<>(
            ApiKind.ENDPOINTS, Endpoints.class, Topics.ENDPOINTS, null, endpoints -> List.of(),
            (endpoints, key, view) -> endpoints);

    /**
     * Events, as the change log folds the occurrences korch's components write ({@code korch.events})
     * into them, keyed by their own namespace and name; served read only.
     */
    public static final ResourceType<Event> EVENTS = new ResourceType<>(
            ApiKind.EVENT, Event.class, Topics.EVENTS, null, event -> List.of(), (event, key, view) -> event);

    /** The kinds korch's components write and the API serves read only: get, list and watch. */
    public static final Set<ApiKind> READ_ONLY = Set.of(ApiKind.ENDPOINTSLICE, ApiKind.ENDPOINTS, ApiKind.EVENT);

    public static final ResourceType<ReplicaSet> REPLICASETS = new ResourceType<>(
            ApiKind.REPLICASET, ReplicaSet.class, Topics.REPLICASETS, Topics.OWNED_REPLICASETS,
            new ReplicaSetValidator(),
            (replicaSet, key, view) -> StatusMerge.replicaSet(replicaSet, view.table(Topics.REPLICASET_STATUS).value(key)));

    public static final ResourceType<Deployment> DEPLOYMENTS = new ResourceType<>(
            ApiKind.DEPLOYMENT, Deployment.class, Topics.DEPLOYMENTS, null, new DeploymentValidator(),
            (deployment, key, view) -> StatusMerge.deployment(deployment,
                    view.table(Topics.DEPLOYMENT_STATUS).value(key),
                    view.table(Topics.OWNED_REPLICASETS).value(StatusMerge.currentReplicaSetKey(deployment))),
            DeploymentDefaults::defaulted);

    /**
     * HorizontalPodAutoscalers: defaulted as Kubernetes defaults them before they are validated,
     * served with the status the autoscaler controller reported ({@code korch.status.horizontalpodautoscalers}).
     */
    public static final ResourceType<HorizontalPodAutoscaler> HORIZONTAL_POD_AUTOSCALERS = new ResourceType<>(
            ApiKind.HORIZONTALPODAUTOSCALER, HorizontalPodAutoscaler.class, Topics.HORIZONTAL_POD_AUTOSCALERS, null,
            new HorizontalPodAutoscalerValidator(),
            (hpa, key, view) -> StatusMerge.horizontalPodAutoscaler(hpa, view.table(Topics.HPA_STATUS).value(key)),
            AutoscalerDefaults::defaulted);

    /**
     * The namespaced kinds whose objects keep a namespace from being deleted; its {@code default}
     * ServiceAccount does not, being deleted with it.
     */
    public static final List<ResourceType<?>> NAMESPACED =
            List.of(DEPLOYMENTS, REPLICASETS, PODS, SERVICES, CONFIGMAPS, SECRETS, SERVICEACCOUNTS,
                    HORIZONTAL_POD_AUTOSCALERS);

    private Resources() {
    }
}

package io.korch.printing;

import io.korch.api.Event;
import io.korch.model.ApiKind;
import org.apache.avro.specific.SpecificRecord;

/** The {@link TablePrinter} of each kind korch serves, and of events. */
public final class Printers {

    public static final PodPrinter PODS = new PodPrinter();
    public static final DeploymentPrinter DEPLOYMENTS = new DeploymentPrinter();
    public static final ReplicaSetPrinter REPLICASETS = new ReplicaSetPrinter();
    public static final NodePrinter NODES = new NodePrinter();
    public static final NamespacePrinter NAMESPACES = new NamespacePrinter();
    public static final ConfigMapPrinter CONFIGMAPS = new ConfigMapPrinter();
    public static final SecretPrinter SECRETS = new SecretPrinter();
    public static final ServiceAccountPrinter SERVICEACCOUNTS = new ServiceAccountPrinter();
    public static final ServicePrinter SERVICES = new ServicePrinter();
    public static final EndpointSlicePrinter ENDPOINTSLICES = new EndpointSlicePrinter();
    public static final EndpointsPrinter ENDPOINTS = new EndpointsPrinter();
    public static final HorizontalPodAutoscalerPrinter HORIZONTAL_POD_AUTOSCALERS = new HorizontalPodAutoscalerPrinter();
    public static final TablePrinter<Event> EVENTS = new EventPrinter();

    private Printers() {
    }

    /** The printer of {@code kind}. */
    public static TablePrinter<? extends SpecificRecord> of(ApiKind kind) {
        return switch (kind) {
            case POD -> PODS;
            case EVENT -> EVENTS;
            case DEPLOYMENT -> DEPLOYMENTS;
            case REPLICASET -> REPLICASETS;
            case NODE -> NODES;
            case NAMESPACE -> NAMESPACES;
            case CONFIGMAP -> CONFIGMAPS;
            case SECRET -> SECRETS;
            case SERVICEACCOUNT -> SERVICEACCOUNTS;
            case SERVICE -> SERVICES;
            case ENDPOINTSLICE -> ENDPOINTSLICES;
            case ENDPOINTS -> ENDPOINTS;
            case HORIZONTALPODAUTOSCALER -> HORIZONTAL_POD_AUTOSCALERS;
        };
    }
}

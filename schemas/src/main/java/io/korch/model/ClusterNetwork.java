package io.korch.model;

/**
 * The cluster's network defaults, shared by the gateway (which allocates Service addresses and
 * node ports), the controllers (which give each node its share of the pod network) and the agents
 * (which give pods their addresses, route the Service network and answer DNS). Kubernetes' defaults.
 */
public final class ClusterNetwork {

    /** The pod network; each node gets one {@link #NODE_CIDR_PREFIX} share of it. */
    public static final String CLUSTER_CIDR = "10.244.0.0/16";
    /** The size of a node's share of {@link #CLUSTER_CIDR}: a /24, 254 pods. */
    public static final int NODE_CIDR_PREFIX = 24;
    /** The Service network, from which ClusterIPs are allocated. */
    public static final String SERVICE_CIDR = "10.96.0.0/16";
    /** The address of the cluster's DNS in {@link #SERVICE_CIDR}, never allocated to a Service. */
    public static final String CLUSTER_DNS = "10.96.0.10";
    /** The cluster's DNS domain. */
    public static final String CLUSTER_DOMAIN = "cluster.local";
    /** The lowest node port. */
    public static final int NODE_PORT_MIN = 30000;
    /** The highest node port. */
    public static final int NODE_PORT_MAX = 32767;

    /** The label of an EndpointSlice naming its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The label of an EndpointSlice naming the controller that manages it. */
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY_LABEL} for the slices korch's endpoints controller keeps. */
    public static final String ENDPOINTS_CONTROLLER = "endpointslice-controller.k8s.io";

    private ClusterNetwork() {
    }
}

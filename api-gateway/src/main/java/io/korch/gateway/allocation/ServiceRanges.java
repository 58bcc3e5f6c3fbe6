package io.korch.gateway.allocation;

import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import java.util.Objects;

/**
 * The ranges a gateway allocates Service values from: the Service network (its ClusterIPs) and
 * the node ports, Kubernetes' {@code --service-cluster-ip-range} and
 * {@code --service-node-port-range}. Every gateway of a cluster must be given the same.
 *
 * @param serviceCidr  the Service network; the cluster DNS address in it is never allocated
 * @param nodePortMin  the lowest node port
 * @param nodePortMax  the highest node port
 */
public record ServiceRanges(Cidr serviceCidr, int nodePortMin, int nodePortMax) {

    public ServiceRanges {
        Objects.requireNonNull(serviceCidr, "serviceCidr");
        if (serviceCidr.prefix() > 30) {
            throw new IllegalArgumentException("the Service network " + serviceCidr
                    + " holds no address to allocate; give a /30 or larger");
        }
        if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
            throw new IllegalArgumentException("invalid node port range " + nodePortMin + "-" + nodePortMax
                    + ": give LOW-HIGH with 1 <= LOW <= HIGH <= 65535");
        }
    }

    /** Kubernetes' defaults: {@link ClusterNetwork#SERVICE_CIDR} and 30000-32767. */
    public static ServiceRanges defaults() {
        return new ServiceRanges(Cidr.parse(ClusterNetwork.SERVICE_CIDR), ClusterNetwork.NODE_PORT_MIN,
                ClusterNetwork.NODE_PORT_MAX);
    }

    /**
     * Ranges from their command-line form: a CIDR and {@code LOW-HIGH}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static ServiceRanges parse(String serviceCidr, String nodePortRange) {
        Cidr cidr = Cidr.parse(serviceCidr);
        String[] bounds = nodePortRange.split("-", -1);
        if (bounds.length != 2) {
            throw new IllegalArgumentException("invalid node port range " + nodePortRange + ": give LOW-HIGH");
        }
        try {
            return new ServiceRanges(cidr, Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid node port range " + nodePortRange + ": give LOW-HIGH");
        }
    }

    /** The node ports as Kubernetes writes them: {@code 30000-32767}. */
    public String nodePortRange() {
        return nodePortMin + "-" + nodePortMax;
    }

    /** The ClusterIP range of {@link #serviceCidr}, keeping out the cluster DNS address. */
    public ClusterIpRange clusterIps() {
        return new ClusterIpRange(serviceCidr, ClusterNetwork.CLUSTER_DNS);
    }

    /** The node port range. */
    public NodePortRange nodePorts() {
        return new NodePortRange(nodePortMin, nodePortMax);
    }
}

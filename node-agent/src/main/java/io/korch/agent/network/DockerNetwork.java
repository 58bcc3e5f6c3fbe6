package io.korch.agent.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.korch.model.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker network all pods of the machine share, whichever node runs them: {@value #NAME}, internal (Docker
 * drops whatever its containers send beyond it, so nothing leaves the machine), on the cluster CIDR with the
 * gateway at its first address, on the host bridge {@value #BRIDGE}. Each node's pods get addresses from the
 * node's share of it.
 *
 * <p>{@link #ensure} creates it when absent and accepts an existing one that matches; one that clashes (another
 * subnet, not internal, another bridge) is refused with what to do. Several agents of one machine ensure it at
 * once safely. {@link #removeIfUnused} removes it unless a container is still attached, which Docker refuses.
 */
public final class DockerNetwork {

    /** The network's name. */
    public static final String NAME = "korch-pods";
    /** The name of the network's bridge on the host. */
    public static final String BRIDGE = "korch0";
    /** Docker's option naming the bridge. */
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
    /** The label marking the network as korch's. */
    static final String LABEL = "io.korch.network";

    private static final Logger LOG = LoggerFactory.getLogger(DockerNetwork.class);

    private final DockerClient docker;
    private final Cidr subnet;
    private final String gateway;

    /** The network on {@code subnet}, its gateway at the subnet's first address. */
    public DockerNetwork(DockerClient docker, Cidr subnet) {
        this.docker = Objects.requireNonNull(docker);
        this.subnet = subnet;
        this.gateway = Cidr.format(subnet.address(1));
    }

    /** The network's subnet: the cluster CIDR. */
    public Cidr subnet() {
        return subnet;
    }

    /**
     * Makes sure the network exists as described.
     *
     * @throws IllegalStateException when a network of that name clashes, or Docker cannot create it (another
     *                               network holds the subnet)
     */
    public void ensure() {
        Network existing = find();
        if (existing != null) {
            check(existing);
            return;
        }
        try {
            docker.createNetworkCmd()
                    .withName(NAME)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withInternal(true)
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                            .withSubnet(subnet.toString()).withGateway(gateway)))
                    .withOptions(Map.of(BRIDGE_NAME_OPTION, BRIDGE))
                    .withLabels(Map.of(LABEL, "pods"))
                    .exec();
            LOG.info("created the pod network {} ({}, internal, bridge {})", NAME, subnet, BRIDGE);
        } catch (DockerException e) {
            Network raced = find();
            if (raced == null) {
                throw new IllegalStateException("cannot create the Docker network " + NAME + " on " + subnet + ": "
                        + e.getMessage().trim() + " (is another network using " + subnet
                        + "? see docker network ls)", e);
            }
            check(raced);
        }
    }

    /**
     * Removes the network unless a container is still attached to it.
     *
     * @return whether it is gone
     */
    public boolean removeIfUnused() {
        try {
            docker.removeNetworkCmd(NAME).exec();
            LOG.info("removed the pod network {}", NAME);
            return true;
        } catch (NotFoundException e) {
            return true;
        } catch (DockerException e) {
            LOG.debug("pod network {} kept: {}", NAME, e.getMessage());
            return false;
        }
    }

    /** The network named {@value #NAME}, or null. */
    private Network find() {
        try {
            return docker.inspectNetworkCmd().withNetworkId(NAME).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void check(Network network) {
        String clash = clash(network);
        if (clash != null) {
            throw new IllegalStateException("the Docker network " + NAME + " exists but " + clash
                    + "; korch needs it internal, on " + subnet + " with bridge " + BRIDGE
                    + ": remove it (docker network rm " + NAME + ") once no container uses it");
        }
    }

    /** What makes {@code network} unfit for pods, or null when it fits. */
    String clash(Network network) {
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        boolean sameSubnet = configs.stream().anyMatch(c -> subnet.toString().equals(c.getSubnet()));
        if (!sameSubnet) {
            return "has subnet " + configs.stream().map(Network.Ipam.Config::getSubnet).toList();
        }
        if (!Boolean.TRUE.equals(network.getInternal())) {
            return "is not internal";
        }
        String bridge = network.getOptions() == null ? null : network.getOptions().get(BRIDGE_NAME_OPTION);
        if (!BRIDGE.equals(bridge)) {
            return "has bridge " + bridge;
        }
        return null;
    }
}

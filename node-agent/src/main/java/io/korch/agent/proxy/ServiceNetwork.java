package io.korch.agent.proxy;

import io.korch.agent.dns.ClusterDns;
import io.korch.agent.dns.DnsServer;
import io.korch.agent.network.DockerNetwork;
import io.korch.agent.network.HostPorts;
import io.korch.agent.network.ServiceLinks;
import io.korch.agent.proxy.iptables.IptablesPlan;
import io.korch.agent.proxy.iptables.IptablesProxier;
import io.korch.agent.services.ServiceCatalog;
import io.korch.agent.services.ServiceCatalogFollower;
import io.korch.agent.services.ServiceEnvironment;
import io.korch.model.Cidr;
import io.korch.model.ClusterNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of Services: the local route of the Service network ({@link ServiceCidrRoute}), the catalog of
 * every Service and its ready endpoints ({@link ServiceCatalogFollower}), in the iptables mode the kernel's NAT
 * rules for their ClusterIPs and node ports ({@link IptablesProxier}), the node proxy that listens on the pods'
 * host ports and on the Service ports the kernel does not carry ({@link NodeProxy}; all TCP Service ports in the
 * user-space mode), the cluster DNS ({@link DnsServer}) and the Service environment variables
 * ({@link ServiceEnvironment}).
 *
 * <p>Data flow: Services and EndpointSlices are read from their topics into the catalog; each change is
 * applied to the proxy's listeners on the follower's thread as it arrives, and to the iptables rules by their
 * own thread, and DNS and the environment variables read the catalog when asked. The route and the DNS socket
 * are best effort: without root, or with the address taken, the agent logs why and runs without them; the
 * iptables mode falls back to the user-space proxy where iptables cannot be used.
 */
public final class ServiceNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetwork.class);

    /**
     * Where a node's Service network runs.
     *
     * @param nodeIP     the node's address, for node ports and host ports
     * @param dnsAddress where DNS is served; the cluster DNS address on port 53 in an agent
     * @param routeCidr  the Service network to route locally, or null to leave the routes alone
     * @param threads    how many threads relay the proxied connections
     * @param mode       how Service traffic is carried
     */
    public record Settings(String nodeIP, InetSocketAddress dnsAddress, String routeCidr, int threads,
                           ProxyMode mode) {

        /** Settings of the user-space proxy. */
        public Settings(String nodeIP, InetSocketAddress dnsAddress, String routeCidr, int threads) {
            this(nodeIP, dnsAddress, routeCidr, threads, ProxyMode.USERSPACE);
        }

        /** An agent's: the cluster DNS on {@code 10.96.0.10:53}, the Service CIDR routed, a thread per processor. */
        public static Settings agent(String nodeIP, ProxyMode mode) {
            return new Settings(nodeIP, new InetSocketAddress(ClusterNetwork.CLUSTER_DNS, 53),
                    ClusterNetwork.SERVICE_CIDR, Math.max(1, Runtime.getRuntime().availableProcessors()), mode);
        }
    }

    private final ServiceCidrRoute route;
    private final ServiceCatalog catalog;
    private final NodeProxy proxy;
    private final ServiceCatalogFollower follower;
    private final DnsServer dns;
    private final IptablesProxier kernel;

    private ServiceNetwork(ServiceCidrRoute route, ServiceCatalog catalog, NodeProxy proxy,
                           ServiceCatalogFollower follower, DnsServer dns, IptablesProxier kernel) {
        this.kernel = kernel;
        this.route = route;
        this.catalog = catalog;
        this.proxy = proxy;
        this.follower = follower;
        this.dns = dns;
    }

    /**
     * Routes the Service network, reads the Services and slices to their end, and starts the proxy and DNS.
     *
     * @param name names the consumers and threads, such as the node's name
     * @throws IllegalStateException when the topics cannot be read within {@code timeout}
     */
    public static ServiceNetwork start(String bootstrapServers, String name, Settings settings, Duration timeout) {
        ServiceCidrRoute route = settings.routeCidr() == null ? null : new ServiceCidrRoute(settings.routeCidr());
        ServiceCatalog catalog = new ServiceCatalog();
        NodeProxy proxy = null;
        ServiceCatalogFollower follower = null;
        IptablesProxier kernel = null;
        try {
            if (route != null) {
                route.start();
            }
            proxy = new NodeProxy(catalog, settings.nodeIP(), settings.threads(), "korch-proxy-" + name);
            catalog.addListener(proxy);
            if (settings.mode() == ProxyMode.IPTABLES) {
                kernel = kernelProxier(catalog, name, settings);
            }
            follower = new ServiceCatalogFollower(bootstrapServers, name, catalog);
            follower.start(timeout);
            if (kernel != null && !startKernel(kernel, name)) {
                catalog.removeListener(kernel);
                kernel = null;
            }
            if (kernel != null) {
                Cidr pods = Cidr.parse(ClusterNetwork.CLUSTER_CIDR);
                proxy.leaveToKernel(port -> IptablesPlan.carries(port, pods));
            } else {
                proxy.reconcile();
            }
            DnsServer dns = startDns(settings.dnsAddress(), catalog);
            return new ServiceNetwork(route, catalog, proxy, follower, dns, kernel);
        } catch (RuntimeException e) {
            closeAll(follower, kernel, proxy, route);
            throw e;
        }
    }

    /** The iptables proxier of the catalog, or null (with a warning) where iptables cannot be used. */
    private static IptablesProxier kernelProxier(ServiceCatalog catalog, String name, Settings settings) {
        if (!IptablesProxier.usable()) {
            LOG.warn("node {}: iptables cannot be used here (it needs root and iptables-restore): Services are"
                    + " proxied in user space, TCP only", name);
            return null;
        }
        IptablesProxier kernel = new IptablesProxier(catalog, name, settings.nodeIP(), ClusterNetwork.CLUSTER_CIDR,
                settings.dnsAddress().getAddress().getHostAddress(), DockerNetwork.BRIDGE);
        catalog.addListener(kernel);
        return kernel;
    }

    private static boolean startKernel(IptablesProxier kernel, String name) {
        try {
            kernel.start();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("node {}: {}: Services are proxied in user space, TCP only", name, e.getMessage());
            kernel.close();
            return false;
        }
    }

    private static DnsServer startDns(InetSocketAddress address, ServiceCatalog catalog) {
        try {
            return DnsServer.start(address, new ClusterDns(catalog, ClusterNetwork.CLUSTER_DOMAIN));
        } catch (IOException e) {
            LOG.warn("cannot serve the cluster DNS on {}: {}", address, e.getMessage());
            return null;
        }
    }

    /** The catalog of Services. */
    public ServiceCatalog catalog() {
        return catalog;
    }

    /** The node proxy. */
    public NodeProxy proxy() {
        return proxy;
    }

    /** How Service traffic is carried: the mode asked for, or {@link ProxyMode#USERSPACE} where it fell back. */
    public ProxyMode mode() {
        return kernel == null ? ProxyMode.USERSPACE : ProxyMode.IPTABLES;
    }

    /** The iptables proxier, or null in the user-space mode. */
    public IptablesProxier kernel() {
        return kernel;
    }

    /** Where the pod network opens the pods' host ports. */
    public HostPorts hostPorts() {
        return proxy;
    }

    /** The Service environment variables of the containers. */
    public ServiceLinks serviceLinks() {
        return new ServiceEnvironment(catalog);
    }

    /** The address DNS is served on, or null when it could not be bound. */
    public InetSocketAddress dnsAddress() {
        return dns == null ? null : dns.address();
    }

    /** Stops DNS, the proxy and the catalog, then removes the route if no other agent of the machine uses it. */
    @Override
    public void close() {
        closeAll(dns, follower, kernel, proxy, route);
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}

package io.korch.agent.proxy;

import io.korch.agent.network.HostPorts;
import io.korch.agent.services.ServiceCatalog;
import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node proxy, kube-proxy's job in the agent: keeps one {@link TcpListener} per address of the
 * {@link ProxyPlan}, made from the {@link ServiceCatalog} and the host ports the pod network opens.
 *
 * <p>Data flow: every catalog change and every host port change recomputes the plan and reconciles the
 * listeners with it, on the calling thread and before returning: an address no longer planned (its last ready
 * endpoint went) is closed, so connections to it are refused; a new one is bound; a listener whose endpoints
 * changed takes the new ones for its next connection, while relayed connections go on. An address that cannot
 * be bound is logged once and tried again on the next change.
 *
 * <p>In the iptables mode the kernel carries most Service ports ({@link #leaveToKernel}); the proxy keeps the host
 * ports and the rest. A Service port neither carries (UDP in the user-space mode) is logged once as not proxied.
 */
public final class NodeProxy implements ServiceCatalog.Listener, HostPorts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProxy.class);

    private final ServiceCatalog catalog;
    private final String nodeIP;
    private final ProxyLoops loops;
    private final LongSupplier nanoClock;
    private final Map<String, List<HostPortMapping>> hostPorts = new HashMap<>();
    private final Map<ListenAddress, TcpListener> listeners = new HashMap<>();
    private final Set<ListenAddress> failed = new HashSet<>();
    private final Set<String> notProxied = new HashSet<>();
    private volatile Map<ListenAddress, ForwardTarget> listening = Map.of();
    private Predicate<ServiceEntry.Port> carriedByKernel = port -> false;
    private boolean closed;

    /**
     * @param nodeIP the node's address, where node ports and host ports are listened on
     * @param threads how many threads relay the connections
     */
    public NodeProxy(ServiceCatalog catalog, String nodeIP, int threads, String name) {
        this(catalog, nodeIP, new ProxyLoops(threads, name), System::nanoTime);
    }

    NodeProxy(ServiceCatalog catalog, String nodeIP, ProxyLoops loops, LongSupplier nanoClock) {
        this.catalog = catalog;
        this.nodeIP = nodeIP;
        this.loops = loops;
        this.nanoClock = nanoClock;
    }

    @Override
    public void servicesChanged(Set<String> keys) {
        reconcile();
    }

    @Override
    public synchronized void open(String podKey, List<HostPortMapping> mappings) {
        hostPorts.put(podKey, List.copyOf(mappings));
        reconcile();
    }

    @Override
    public synchronized void close(String podKey) {
        if (hostPorts.remove(podKey) != null) {
            reconcile();
        }
    }

    /** From now on leaves the Service ports {@code carried} by the kernel to it, and reconciles. */
    public synchronized void leaveToKernel(Predicate<ServiceEntry.Port> carried) {
        carriedByKernel = carried;
        reconcile();
    }

    /** The addresses listened on now, with where each forwards. */
    public Map<ListenAddress, ForwardTarget> listening() {
        return listening;
    }

    /** The endpoints new connections to {@code address} go to; empty when nothing listens there. */
    public Optional<List<Backend>> backends(ListenAddress address) {
        ForwardTarget target = listening.get(address);
        return target == null ? Optional.empty() : Optional.of(target.backends());
    }

    /** Brings the listeners in line with the plan of the catalog as it is now. Idempotent. */
    public synchronized void reconcile() {
        if (closed) {
            return;
        }
        Map<ListenAddress, ForwardTarget> plan = ProxyPlan.of(catalog.entries(), nodeIP, hostPorts, carriedByKernel);
        warnNotProxied();
        listeners.entrySet().removeIf(entry -> {
            if (plan.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            LOG.debug("stopped listening on {}", entry.getKey());
            return true;
        });
        failed.retainAll(plan.keySet());
        Map<ListenAddress, ForwardTarget> now = new HashMap<>();
        plan.forEach((address, target) -> {
            TcpListener listener = listeners.get(address);
            if (listener != null) {
                if (!listener.balancer().target().equals(target)) {
                    listener.update(target);
                }
                now.put(address, target);
                return;
            }
            try {
                listeners.put(address, TcpListener.open(address, new Balancer(target, nanoClock), loops));
                now.put(address, target);
                failed.remove(address);
                LOG.debug("listening on {} for {}", address, target.name());
            } catch (IOException | RuntimeException e) {
                if (failed.add(address)) {
                    LOG.warn("cannot listen on {} for {}: {}", address, target.name(), e.getMessage());
                }
            }
        });
        listening = Map.copyOf(now);
    }

    /** Logs once each Service port that neither the kernel nor this proxy carries, such as UDP in user space. */
    private void warnNotProxied() {
        for (ServiceEntry service : catalog.entries()) {
            for (ServiceEntry.Port port : service.ports()) {
                if (service.hasClusterIP() && !"TCP".equals(port.protocol()) && !carriedByKernel.test(port)
                        && notProxied.add(service.key() + ":" + port.port() + "/" + port.protocol())) {
                    LOG.warn("Service {} port {}/{} is not proxied on this node: the userspace proxy carries TCP only"
                            + " (the iptables proxy mode carries UDP)", service.key(), port.port(), port.protocol());
                }
            }
        }
    }

    /** Closes every listener and relayed connection. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.values().forEach(TcpListener::close);
        listeners.clear();
        listening = Map.of();
        loops.close();
    }
}

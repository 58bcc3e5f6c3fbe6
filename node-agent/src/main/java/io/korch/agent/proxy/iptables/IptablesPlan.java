package io.korch.agent.proxy.iptables;

import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.model.Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The kernel data path of the Services, as kube-proxy's iptables mode programs it, in one agent's own chains
 * ({@link ChainNames}). Pure and idempotent: the same Services give the same rules.
 *
 * <p>nat: {@code SERVICES} (jumped to from {@code PREROUTING} for pods and {@code OUTPUT} for the host) sends each
 * {@code clusterIP:port} to the port's {@code SVC} chain, and the node's address to {@code NODEPORTS}, which
 * sends each node port to the same {@code SVC} chain. A {@code SVC} chain marks the connection for masquerading
 * and picks an endpoint's {@code SEP} chain with {@code -m statistic --mode random --probability 1/n}, {@code
 * 1/(n-1)}... (the last unconditionally), so each endpoint gets an equal share; with ClientIP affinity a client
 * seen by {@code -m recent} within the timeout goes to its endpoint first. A {@code SEP} chain DNATs to the
 * endpoint. {@code POSTROUTING} masquerades what was marked, to the bridge's address: replies of a pod that a pod
 * of the same bridge reached through a ClusterIP (hairpin), and of connections from {@code 127.0.0.1} or a
 * Service address, come back through conntrack. The cluster DNS address is returned from first: the agents
 * answer it themselves.
 *
 * <p>filter: a port without a ready endpoint is rejected at once, {@code tcp-reset} or
 * {@code icmp-port-unreachable}, and {@code FIREWALL} drops packets to {@code 127.0.0.0/8} that did not come
 * from loopback and were not DNATed, as kube-proxy guards {@code route_localnet}.
 *
 * <p>Only TCP and UDP ports whose endpoints are all on the pod network are carried ({@link #carries}): a DNAT
 * never targets anything else. The user-space proxy keeps the others (endpoints of {@code hostNetwork} pods).
 */
public final class IptablesPlan {

    /** The mark bit of connections to masquerade, kube-proxy's. */
    public static final String MASQUERADE_MARK = "0x4000";
    public static final String NAT = "nat";
    public static final String FILTER = "filter";

    /**
     * @param chains   the agent's chain names
     * @param nodeIP   the node's address, where node ports are served
     * @param podCidr  the pod network, the only place a DNAT may target
     * @param dnsIP    the cluster DNS address, never rewritten
     */
    public record Settings(ChainNames chains, String nodeIP, String podCidr, String dnsIP) {
    }

    private IptablesPlan() {
    }

    /** Whether the kernel carries {@code port}: TCP or UDP, every endpoint on the pod network (or none, to reject). */
    public static boolean carries(ServiceEntry.Port port, Cidr podCidr) {
        return ("TCP".equals(port.protocol()) || "UDP".equals(port.protocol()))
                && port.backends().stream().allMatch(backend -> podCidr.contains(backend.ip()));
    }

    /** The chains and rules for {@code services}. */
    public static IptablesRules of(Collection<ServiceEntry> services, Settings settings) {
        ChainNames names = settings.chains();
        Cidr podCidr = Cidr.parse(settings.podCidr());
        IptablesRules.Builder rules = new IptablesRules.Builder()
                .chain(NAT, names.services())
                .chain(NAT, names.nodePorts())
                .rule(NAT, names.markMasquerade(), "-j MARK --or-mark " + MASQUERADE_MARK)
                .rule(NAT, names.postrouting(), "-m mark ! --mark " + MASQUERADE_MARK + "/" + MASQUERADE_MARK
                        + " -j RETURN")
                .rule(NAT, names.postrouting(), "-j MARK --xor-mark " + MASQUERADE_MARK)
                .rule(NAT, names.postrouting(), "-m comment --comment \"korch service traffic requiring SNAT\""
                        + " -j MASQUERADE")
                .rule(NAT, names.services(), "-d " + settings.dnsIP() + "/32"
                        + " -m comment --comment \"cluster DNS, answered by the agents\" -j RETURN")
                .chain(FILTER, names.services())
                .rule(FILTER, names.firewall(), "! -s 127.0.0.0/8 -d 127.0.0.0/8"
                        + " -m comment --comment \"block incoming localnet connections\""
                        + " -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
        List<ServiceEntry> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(ServiceEntry::key));
        for (ServiceEntry service : sorted) {
            if (!service.hasClusterIP() || service.clusterIP().equals(settings.dnsIP())) {
                continue;
            }
            for (ServiceEntry.Port port : service.ports()) {
                if (carries(port, podCidr)) {
                    servicePort(rules, settings, service, port);
                }
            }
        }
        rules.rule(NAT, names.services(), "-d " + settings.nodeIP() + "/32"
                + " -m comment --comment \"korch service nodeports\" -j " + names.nodePorts());
        return rules.build();
    }

    private static void servicePort(IptablesRules.Builder rules, Settings settings, ServiceEntry service,
                                    ServiceEntry.Port port) {
        ChainNames names = settings.chains();
        String name = service.key() + ":" + (port.name().isEmpty() ? Integer.toString(port.port()) : port.name());
        String protocol = port.protocol().toLowerCase(Locale.ROOT);
        boolean nodePort = service.exposesNodePorts() && port.nodePort() > 0;
        String clusterIP = "-d " + service.clusterIP() + "/32 -p " + protocol;
        if (port.backends().isEmpty()) {
            String reject = " -j REJECT --reject-with " + ("tcp".equals(protocol) ? "tcp-reset" : "icmp-port-unreachable");
            rules.rule(FILTER, names.services(), clusterIP + comment(name + " has no endpoints")
                    + match(protocol, port.port()) + reject);
            if (nodePort) {
                rules.rule(FILTER, names.services(), "-d " + settings.nodeIP() + "/32 -p " + protocol
                        + comment(name + " has no endpoints") + match(protocol, port.nodePort()) + reject);
            }
            return;
        }
        String svc = names.service(name, port.protocol());
        rules.rule(NAT, names.services(), clusterIP + comment(name + " cluster IP") + match(protocol, port.port())
                + " -j " + svc);
        if (nodePort) {
            rules.rule(NAT, names.nodePorts(), "-p " + protocol + comment(name) + match(protocol, port.nodePort())
                    + " -j " + svc);
        }
        rules.rule(NAT, svc, comment(name) + " -j " + names.markMasquerade());
        List<Backend> backends = port.backends();
        int affinity = service.affinityTimeoutSeconds();
        if (affinity > 0) {
            for (Backend backend : backends) {
                String sep = names.endpoint(name, port.protocol(), backend);
                rules.rule(NAT, svc, comment(name + " -> " + backend) + " -m recent --name " + sep
                        + " --mask 255.255.255.255 --rsource --rcheck --seconds " + affinity + " --reap -j " + sep);
            }
        }
        for (int i = 0; i < backends.size(); i++) {
            Backend backend = backends.get(i);
            String sep = names.endpoint(name, port.protocol(), backend);
            String spread = i == backends.size() - 1 ? ""
                    : String.format(Locale.ROOT, " -m statistic --mode random --probability %.10f",
                    1.0 / (backends.size() - i));
            rules.rule(NAT, svc, comment(name + " -> " + backend) + spread + " -j " + sep);
            String remember = affinity > 0 ? " -m recent --name " + sep + " --mask 255.255.255.255 --rsource --set" : "";
            rules.rule(NAT, sep, "-p " + protocol + comment(name) + remember + " -m " + protocol
                    + " -j DNAT --to-destination " + backend);
        }
    }

    private static String comment(String text) {
        return " -m comment --comment \"" + text + "\"";
    }

    private static String match(String protocol, int port) {
        return " -m " + protocol + " --dport " + port;
    }
}

package io.korch.agent.network;

import io.korch.api.Pod;
import io.korch.model.ClusterNetwork;

/**
 * The name resolution files of a pod's containers, as the kubelet writes them: {@code /etc/resolv.conf} from
 * the pod's {@code dnsPolicy}, and {@code /etc/hosts} with the pod's own names. Pure.
 *
 * <p>{@code ClusterFirst} (the default) points at the cluster's DNS ({@link ClusterNetwork#CLUSTER_DNS})
 * with Kubernetes' search domains and {@code ndots:5}. {@code Default} would give the pod the node's
 * resolver; korch forwards no name off the machine, so such a pod gets a file with no nameserver (only a
 * comment saying so) and resolves nothing but its hosts file. A {@code hostNetwork} pod gets {@code Default}
 * unless it asks for {@code ClusterFirstWithHostNet}, as in Kubernetes. {@code None} gives an empty file: the
 * pod's {@code dnsConfig} is not part of korch's pod spec.
 */
public final class PodDns {

    /** The kubelet's default policy. */
    public static final String CLUSTER_FIRST = "ClusterFirst";
    /** The cluster's DNS for a pod on the node's network too. */
    public static final String CLUSTER_FIRST_WITH_HOST_NET = "ClusterFirstWithHostNet";
    /** The node's resolver: none, on korch. */
    public static final String DEFAULT = "Default";
    /** No resolver configuration. */
    public static final String NONE = "None";

    /** The longest host name: a DNS label. */
    private static final int MAX_HOSTNAME = 63;

    private PodDns() {
    }

    /**
     * The policy that applies: {@link #CLUSTER_FIRST}, {@link #DEFAULT} or {@link #NONE}. An unset policy is
     * {@code ClusterFirst}; on the node's network it is {@code Default}, unless {@code ClusterFirstWithHostNet}.
     */
    public static String effectivePolicy(Pod pod) {
        String policy = pod.getSpec().getDnsPolicy() == null ? CLUSTER_FIRST : pod.getSpec().getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        return switch (policy) {
            case CLUSTER_FIRST_WITH_HOST_NET -> CLUSTER_FIRST;
            case CLUSTER_FIRST -> hostNetwork ? DEFAULT : CLUSTER_FIRST;
            case NONE -> NONE;
            default -> DEFAULT;
        };
    }

    /** The pod's {@code /etc/resolv.conf}. */
    public static String resolvConf(Pod pod) {
        String namespace = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        String domain = ClusterNetwork.CLUSTER_DOMAIN;
        return switch (effectivePolicy(pod)) {
            case CLUSTER_FIRST -> "nameserver " + ClusterNetwork.CLUSTER_DNS + "\n"
                    + "search " + namespace + ".svc." + domain + " svc." + domain + " " + domain + "\n"
                    + "options ndots:5\n";
            case NONE -> "";
            default -> "# dnsPolicy Default: the node's resolver is not used, as korch forwards no name off the"
                    + " machine; only /etc/hosts resolves\n";
        };
    }

    /**
     * The pod's {@code /etc/hosts}: the kubelet's managed file, with the pod's address under its host name,
     * and under its fully qualified name first when it has a {@code subdomain}.
     */
    public static String hosts(Pod pod, String podIP) {
        StringBuilder hosts = new StringBuilder()
                .append("# Kubernetes-managed hosts file.\n")
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append("fe00::0\tip6-localnet\n")
                .append("fe00::0\tip6-mcastprefix\n")
                .append("fe00::1\tip6-allnodes\n")
                .append("fe00::2\tip6-allrouters\n");
        String hostname = hostname(pod);
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain != null && !subdomain.isEmpty()) {
            String namespace = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
            hosts.append(podIP).append('\t').append(hostname).append('.').append(subdomain).append('.')
                    .append(namespace).append(".svc.").append(ClusterNetwork.CLUSTER_DOMAIN).append('\t')
                    .append(hostname).append('\n');
        } else {
            hosts.append(podIP).append('\t').append(hostname).append('\n');
        }
        return hosts.toString();
    }

    /**
     * The pod's host name: {@code spec.hostname}, else its name cut to 63 characters (and of trailing
     * {@code -} and {@code .}), as the kubelet makes it.
     */
    public static String hostname(Pod pod) {
        String hostname = pod.getSpec().getHostname();
        if (hostname != null && !hostname.isEmpty()) {
            return hostname;
        }
        String name = pod.getMetadata().getName();
        if (name.length() <= MAX_HOSTNAME) {
            return name;
        }
        String cut = name.substring(0, MAX_HOSTNAME);
        while (cut.endsWith("-") || cut.endsWith(".")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}

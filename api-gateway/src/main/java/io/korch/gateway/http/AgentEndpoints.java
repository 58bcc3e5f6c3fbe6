package io.korch.gateway.http;

import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.gateway.resource.ApiError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway reaches a node's agent for logs and exec: the node's InternalIP and the port its agent
 * registered as kubelet endpoint ({@code status.daemonEndpoints.kubeletEndpoint.Port}). The network rule of
 * korch holds here: agents serve on loopback, and the gateway dials nothing but a literal 127.0.0.0/8 address,
 * whatever a Node record says. Pure.
 */
final class AgentEndpoints {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** An agent's address. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private AgentEndpoints() {
    }

    /**
     * The endpoint of {@code node}'s agent.
     *
     * @throws ApiError 503 when the node registered no endpoint, 502 when its address is not loopback
     */
    static Endpoint of(Node node) {
        String name = node.getMetadata().getName();
        if (node.getStatus() == null || node.getStatus().getDaemonEndpoints() == null
                || node.getStatus().getDaemonEndpoints().getKubeletEndpoint() == null
                || node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() <= 0) {
            throw ApiError.unavailable("node \"" + name + "\" registered no agent endpoint for logs and exec:"
                    + " its agent is gone or predates them");
        }
        String address = node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress)
                .findFirst()
                .orElse("127.0.0.1");
        if (!isLoopback(address)) {
            throw new ApiError(502, "BadGateway", "node \"" + name + "\" registered the address " + address
                    + ", which is not loopback: the gateway dials agents on 127.0.0.0/8 only", null);
        }
        return new Endpoint(address, node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort());
    }

    /** Whether {@code address} is a literal IPv4 address in 127.0.0.0/8; names are never resolved. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        Matcher matcher = IPV4.matcher(address);
        if (!matcher.matches() || !matcher.group(1).equals("127")) {
            return false;
        }
        for (int i = 2; i <= 4; i++) {
            if (Integer.parseInt(matcher.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}

package io.korch.agent.proxy;

/**
 * An address the node proxy listens on: a ClusterIP and Service port, or the node's address and a node port
 * or host port.
 *
 * @param protocol {@code TCP} or {@code UDP}
 */
public record ListenAddress(String ip, int port, String protocol) {

    @Override
    public String toString() {
        return ip + ":" + port + "/" + protocol;
    }
}

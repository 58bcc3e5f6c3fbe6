package io.korch.agent.proxy;

import io.korch.agent.services.ServiceEntry.Backend;
import java.util.List;

/**
 * Where the connections to one {@link ListenAddress} go.
 *
 * @param name                   what is forwarded, for logs: {@code namespace/service:port} or
 *                               {@code namespace/pod hostPort 8080}
 * @param backends               the ready endpoints; never empty in a plan
 * @param affinityTimeoutSeconds with ClientIP affinity, how long a client sticks to its endpoint; 0 for none
 */
public record ForwardTarget(String name, List<Backend> backends, int affinityTimeoutSeconds) {

    public ForwardTarget {
        backends = List.copyOf(backends);
    }
}

package io.korch.agent.network;

import java.util.Map;

/**
 * The Kubernetes Service environment variables a container of a namespace gets
 * ({@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT}, {@code WEB_PORT_80_TCP...}), from the
 * Services the node knows when the container is created.
 */
public interface ServiceLinks {

    /** No Services: for agents that do not follow them. */
    ServiceLinks NONE = namespace -> Map.of();

    /** The variables for a container in {@code namespace}, by name. */
    Map<String, String> environment(String namespace);
}

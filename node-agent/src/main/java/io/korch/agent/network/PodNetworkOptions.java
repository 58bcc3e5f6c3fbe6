package io.korch.agent.network;

import java.util.Objects;

/**
 * How an agent runs its pod network.
 *
 * @param sandboxImage the image of the pods' sandbox containers, which only sleep; it must be on the node and
 *                     have {@code sleep}
 * @param hostPorts    where the pods' {@code hostPort}s are forwarded from the node's address
 */
public record PodNetworkOptions(String sandboxImage, HostPorts hostPorts) {

    /** The image sandboxes run unless told otherwise: the one korch builds (images/busybox). */
    public static final String DEFAULT_SANDBOX_IMAGE = "korch/busybox:latest";
    /** The default image, and no host ports forwarded. */
    public static final PodNetworkOptions DEFAULTS = new PodNetworkOptions(DEFAULT_SANDBOX_IMAGE, HostPorts.NONE);

    public PodNetworkOptions {
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        Objects.requireNonNull(hostPorts, "hostPorts");
    }

    /** These options with host ports forwarded by {@code ports}. */
    public PodNetworkOptions withHostPorts(HostPorts ports) {
        return new PodNetworkOptions(sandboxImage, ports);
    }
}

package io.korch.agent.usage;

import java.util.List;
import java.util.Optional;

/** Where the node's resource use is read from: the container runtime's list of running containers and their stats. */
public interface StatsSource extends AutoCloseable {

    /** The running containers of pods on node {@code nodeName}, sandboxes left out. */
    List<PodContainer> running(String nodeName);

    /** One reading of container {@code id}, or empty when the runtime has none (it stopped, or is gone). */
    Optional<ContainerStats> read(String id);

    @Override
    void close();
}

package io.korch.controllers.nodelifecycle;

/**
 * Tells the node-lifecycle controller how far it has read each partition of {@code korch.nodes}.
 * Implementations are called from the stream thread and must answer at once, from what they know.
 */
@FunctionalInterface
public interface ReadPositions {

    /** How far partition {@code partition} has been read, or null when that is not known yet. */
    ReadPosition of(int partition);
}

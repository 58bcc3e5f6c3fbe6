package io.korch.agent.runtime;

/** A running log stream or exec session of a runtime, which its reader can stop. */
@FunctionalInterface
public interface StreamHandle extends AutoCloseable {

    /** Stops the stream; calling it again, or after the stream ended, does nothing. */
    @Override
    void close();
}

package io.korch.gateway.http;

import java.util.Optional;

/** Whether the gateway may answer API requests: its view of the cluster follows Kafka and has caught up. */
@FunctionalInterface
public interface Readiness {

    /**
     * Why the gateway may not answer now, worded for the people reading the 503; empty when it may.
     * Called on the event loop for every request, so it must be cheap and never block.
     */
    Optional<String> notReady();
}

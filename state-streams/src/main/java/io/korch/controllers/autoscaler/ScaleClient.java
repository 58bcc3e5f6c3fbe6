package io.korch.controllers.autoscaler;

import io.korch.api.CrossVersionObjectReference;

/**
 * Reads and sets the replicas of an autoscaler's target through the API's {@code scale}
 * subresource, as Kubernetes' autoscaler does, so any kind served with one (Deployments,
 * ReplicaSets) can be a target.
 */
public interface ScaleClient {

    /**
     * The scale of {@code target} in {@code namespace}.
     *
     * @throws ScaleException with a sentence for the FailedGetScale condition when the target is missing, of a kind
     *                        without a scale subresource, or the API could not be reached
     */
    Scale get(String namespace, CrossVersionObjectReference target) throws ScaleException;

    /**
     * Sets {@code spec.replicas} of {@code target} in {@code namespace} to {@code replicas}. Idempotent.
     *
     * @throws ScaleException with a sentence for the FailedUpdateScale condition when the API refused or could not be reached
     */
    void scale(String namespace, CrossVersionObjectReference target, int replicas) throws ScaleException;

    /**
     * A target's scale.
     *
     * @param replicas its {@code spec.replicas}
     * @param selector its pods' label selector, as {@code status.selector} writes it ({@code app=web})
     */
    record Scale(int replicas, String selector) {
    }

    /** Why a scale could not be read or set. */
    final class ScaleException extends Exception {

        public ScaleException(String message) {
            super(message);
        }
    }
}

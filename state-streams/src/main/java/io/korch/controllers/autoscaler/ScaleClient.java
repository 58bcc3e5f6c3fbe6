package io.korch.controllers.autoscaler;

/** Sets the replicas of an autoscaler's target through the API's {@code scale} subresource. */
public interface ScaleClient {

    /**
     * Sets {@code spec.replicas} of Deployment {@code namespace/name} to {@code replicas}. Idempotent.
     *
     * @throws ScaleException with a sentence for the FailedUpdateScale condition when the API refused or could not be reached
     */
    void scale(String namespace, String name, int replicas) throws ScaleException;

    /** Why a scale could not be set. */
    final class ScaleException extends Exception {

        public ScaleException(String message) {
            super(message);
        }
    }
}

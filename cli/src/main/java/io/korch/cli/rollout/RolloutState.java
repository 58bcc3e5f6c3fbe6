package io.korch.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a Deployment's rollout stands, read from the Deployment as the API serves it, in kubectl's
 * words ({@code kubectl rollout status}): waiting for the controller to see the latest spec, for
 * new pods to be created, for old ones to go or for new ones to become available; done; or failed
 * for lack of progress within {@code progressDeadlineSeconds}.
 *
 * @param message the line to show
 * @param done    whether the rollout finished
 * @param failed  whether it exceeded its progress deadline
 */
public record RolloutState(String message, boolean done, boolean failed) {

    /** The state of {@code deployment}'s rollout. */
    public static RolloutState of(JsonNode deployment) {
        String name = deployment.path("metadata").path("name").asText();
        JsonNode status = deployment.path("status");
        long generation = deployment.path("metadata").path("generation").asLong(0);
        long observed = status.path("observedGeneration").asLong(0);
        if (generation > observed) {
            return waiting("Waiting for deployment spec update to be observed...");
        }
        for (JsonNode condition : status.path("conditions")) {
            if ("Progressing".equals(condition.path("type").asText())
                    && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
                return new RolloutState("deployment \"" + name + "\" exceeded its progress deadline", false, true);
            }
        }
        int desired = deployment.path("spec").path("replicas").asInt(1);
        int updated = status.path("updatedReplicas").asInt(0);
        int replicas = status.path("replicas").asInt(0);
        int available = status.path("availableReplicas").asInt(0);
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (updated < desired) {
            return waiting(waiting + updated + " out of " + desired + " new replicas have been updated...");
        }
        if (replicas > updated) {
            return waiting(waiting + (replicas - updated) + " old replicas are pending termination...");
        }
        if (available < updated) {
            return waiting(waiting + available + " of " + updated + " updated replicas are available...");
        }
        return new RolloutState("deployment \"" + name + "\" successfully rolled out", true, false);
    }

    private static RolloutState waiting(String message) {
        return new RolloutState(message, false, false);
    }
}

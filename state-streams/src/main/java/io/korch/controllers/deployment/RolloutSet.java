package io.korch.controllers.deployment;

/**
 * One ReplicaSet of a Deployment as a rollout step sees it ({@link RolloutPlanner}).
 *
 * @param name            its name
 * @param revision        its {@code deployment.kubernetes.io/revision}
 * @param replicas        the pods it is sized for ({@code spec.replicas})
 * @param statusReplicas  the pods it has, as its controller last counted them
 * @param available       its available pods, as its controller last counted them
 * @param desiredReplicas the Deployment's replicas it was last sized for ({@code desired-replicas}), or null
 * @param maxReplicas     that count plus the surge then ({@code max-replicas}), or null
 * @param settled         whether its controller has seen its latest spec (observedGeneration ≥ generation)
 */
record RolloutSet(String name, long revision, int replicas, int statusReplicas, int available,
                  Integer desiredReplicas, Integer maxReplicas, boolean settled) {
}

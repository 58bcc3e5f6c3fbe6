package io.korch.controllers.deployment;

import io.korch.api.DeploymentCondition;
import io.korch.api.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two conditions of a Deployment's status, as Kubernetes' deployment controller keeps them.
 *
 * <p>{@value #AVAILABLE} is True ({@value #MINIMUM_REPLICAS_AVAILABLE}) while at least
 * {@code replicas - maxUnavailable} pods are available.
 *
 * <p>{@value #PROGRESSING} follows the rollout: True {@value #NEW_REPLICA_SET_CREATED} when it starts
 * ({@value #FOUND_NEW_REPLICA_SET} for a ReplicaSet that existed), True {@value #REPLICA_SET_UPDATED}
 * each time it advances (more updated, ready or available pods, or fewer old ones; its
 * {@code lastUpdateTime} then moves), True {@value #NEW_REPLICA_SET_AVAILABLE} once complete, and
 * False {@value #PROGRESS_DEADLINE_EXCEEDED} when it made no progress for
 * {@code progressDeadlineSeconds}. A paused Deployment's is Unknown {@value #DEPLOYMENT_PAUSED};
 * resumed, Unknown {@value #DEPLOYMENT_RESUMED} until the rollout moves. A condition's
 * {@code lastTransitionTime} moves only when its status changes.
 */
final class RolloutConditions {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    static final String NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet";
    static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    static final String DEPLOYMENT_PAUSED = "DeploymentPaused";
    static final String DEPLOYMENT_RESUMED = "DeploymentResumed";

    private RolloutConditions() {
    }

    /**
     * What the rollout step knows for the conditions.
     *
     * @param currentName    the name of the current template's ReplicaSet
     * @param created        whether this step creates it
     * @param revived        whether this step made an older ReplicaSet current again (a rollback)
     * @param paused         whether the Deployment is paused
     * @param complete       whether every desired pod is updated and available and no other is left
     * @param minimumAvailable whether at least {@code replicas - maxUnavailable} pods are available
     * @param deadline       {@code progressDeadlineSeconds}
     */
    record Facts(String currentName, boolean created, boolean revived, boolean paused, boolean complete,
                 boolean minimumAvailable, Duration deadline) {
    }

    /** The conditions of {@code next}, a status whose counts are computed, after {@code previous}. */
    static List<DeploymentCondition> of(Facts facts, DeploymentStatus previous, DeploymentStatus next, Instant now) {
        List<DeploymentCondition> conditions = new ArrayList<>(2);
        conditions.add(facts.minimumAvailable()
                ? condition(previous, AVAILABLE, "True", MINIMUM_REPLICAS_AVAILABLE,
                        "Deployment has minimum availability.", now)
                : condition(previous, AVAILABLE, "False", MINIMUM_REPLICAS_UNAVAILABLE,
                        "Deployment does not have minimum availability.", now));
        conditions.add(progressing(facts, previous, next, now));
        return conditions;
    }

    /** The {@value #PROGRESSING} condition of {@code status}, or null. */
    static DeploymentCondition find(DeploymentStatus status, String type) {
        if (status != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if (condition.getType().equals(type)) {
                    return condition;
                }
            }
        }
        return null;
    }

    /**
     * When the rollout of {@code status} times out if it makes no more progress, or null when it
     * is not under way (complete, paused, or timed out already).
     */
    static Instant deadline(DeploymentStatus status, Duration deadline) {
        DeploymentCondition progressing = find(status, PROGRESSING);
        if (progressing == null || !"True".equals(progressing.getStatus())
                || NEW_REPLICA_SET_AVAILABLE.equals(progressing.getReason()) || progressing.getLastUpdateTime() == null) {
            return null;
        }
        return progressing.getLastUpdateTime().plus(deadline);
    }

    private static DeploymentCondition progressing(Facts facts, DeploymentStatus previous, DeploymentStatus next,
                                                   Instant now) {
        DeploymentCondition current = find(previous, PROGRESSING);
        String name = "\"" + facts.currentName() + "\"";
        if (facts.paused()) {
            return current != null && DEPLOYMENT_PAUSED.equals(current.getReason()) ? current
                    : set(current, "Unknown", DEPLOYMENT_PAUSED, "Deployment is paused", now);
        }
        if (current != null && DEPLOYMENT_PAUSED.equals(current.getReason())) {
            current = set(current, "Unknown", DEPLOYMENT_RESUMED, "Deployment is resumed", now);
        }
        if (facts.created()) {
            current = set(current, "True", NEW_REPLICA_SET_CREATED, "Created new replica set " + name, now);
        } else if (current == null) {
            current = set(null, "True", FOUND_NEW_REPLICA_SET, "Found new replica set " + name, now);
        } else if (facts.revived()) {
            current = set(current, "True", FOUND_NEW_REPLICA_SET, "Found new replica set " + name, now);
        }
        if (facts.complete()) {
            return NEW_REPLICA_SET_AVAILABLE.equals(current.getReason()) ? current
                    : set(current, "True", NEW_REPLICA_SET_AVAILABLE, "ReplicaSet " + name + " has successfully progressed.", now);
        }
        if (advanced(previous, next)) {
            return set(current, "True", REPLICA_SET_UPDATED, "ReplicaSet " + name + " is progressing.", now);
        }
        if (timedOut(current, facts.deadline(), now)) {
            return PROGRESS_DEADLINE_EXCEEDED.equals(current.getReason()) ? current
                    : set(current, "False", PROGRESS_DEADLINE_EXCEEDED, "ReplicaSet " + name + " has timed out progressing.", now);
        }
        return current;
    }

    /** Whether the rollout moved since {@code previous}: more updated, ready or available pods, or fewer old ones. */
    private static boolean advanced(DeploymentStatus previous, DeploymentStatus next) {
        if (previous == null) {
            return false;
        }
        int oldBefore = previous.getReplicas() - previous.getUpdatedReplicas();
        int oldNow = next.getReplicas() - next.getUpdatedReplicas();
        return next.getUpdatedReplicas() > previous.getUpdatedReplicas() || oldNow < oldBefore
                || next.getReadyReplicas() > previous.getReadyReplicas()
                || next.getAvailableReplicas() > previous.getAvailableReplicas();
    }

    private static boolean timedOut(DeploymentCondition progressing, Duration deadline, Instant now) {
        if (NEW_REPLICA_SET_AVAILABLE.equals(progressing.getReason())) {
            return false;
        }
        if (PROGRESS_DEADLINE_EXCEEDED.equals(progressing.getReason())) {
            return true;
        }
        return progressing.getLastUpdateTime() != null && progressing.getLastUpdateTime().plus(deadline).isBefore(now);
    }

    /** A condition of {@code type} as it should be, keeping the previous one when its status and reason hold. */
    private static DeploymentCondition condition(DeploymentStatus previous, String type, String status, String reason,
                                                 String message, Instant now) {
        DeploymentCondition current = find(previous, type);
        if (current != null && current.getStatus().equals(status) && reason.equals(current.getReason())) {
            return current;
        }
        return DeploymentCondition.newBuilder().setType(type).setStatus(status).setReason(reason).setMessage(message)
                .setLastUpdateTime(now)
                .setLastTransitionTime(current != null && current.getStatus().equals(status)
                        ? current.getLastTransitionTime() : now)
                .build();
    }

    /** {@value #PROGRESSING} set anew at {@code now}; its transition time kept while its status holds. */
    private static DeploymentCondition set(DeploymentCondition current, String status, String reason, String message,
                                           Instant now) {
        return DeploymentCondition.newBuilder().setType(PROGRESSING).setStatus(status).setReason(reason)
                .setMessage(message)
                .setLastUpdateTime(now)
                .setLastTransitionTime(current != null && current.getStatus().equals(status)
                        && current.getLastTransitionTime() != null ? current.getLastTransitionTime() : now)
                .build();
    }
}

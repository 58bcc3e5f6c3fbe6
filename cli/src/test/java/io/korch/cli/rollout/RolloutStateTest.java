package io.korch.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl's rollout status lines, from the Deployment's generation, spec and status. */
class RolloutStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode deployment(long generation, long observed, int desired, int updated, int replicas,
                                       int available, String progressingReason) throws Exception {
        return JSON.readTree("""
                {"metadata": {"name": "web", "generation": %d},
                 "spec": {"replicas": %d},
                 "status": {"observedGeneration": %d, "updatedReplicas": %d, "replicas": %d, "availableReplicas": %d,
                            "conditions": [{"type": "Progressing", "status": "True", "reason": "%s"}]}}
                """.formatted(generation, desired, observed, updated, replicas, available, progressingReason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spec not seen yet | 2 | 1 | 4 | 4 | 4 | 4 | ReplicaSetUpdated | Waiting for deployment spec update to be observed... | false",
            "new pods coming | 2 | 2 | 4 | 1 | 5 | 3 | ReplicaSetUpdated | Waiting for deployment \"web\" rollout to finish: 1 out of 4 new replicas have been updated... | false",
            "old pods going | 2 | 2 | 4 | 4 | 5 | 4 | ReplicaSetUpdated | Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination... | false",
            "new pods not available | 2 | 2 | 4 | 4 | 4 | 2 | ReplicaSetUpdated | Waiting for deployment \"web\" rollout to finish: 2 of 4 updated replicas are available... | false",
            "done | 2 | 2 | 4 | 4 | 4 | 4 | NewReplicaSetAvailable | deployment \"web\" successfully rolled out | true",
    })
    void saysWhatTheRolloutWaitsFor(String situation, long generation, long observed, int desired, int updated,
                                    int replicas, int available, String reason, String message, boolean done)
            throws Exception {
        RolloutState state = RolloutState.of(deployment(generation, observed, desired, updated, replicas, available, reason));

        assertThat(state.message()).isEqualTo(message);
        assertThat(state.done()).isEqualTo(done);
        assertThat(state.failed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1, 4", "3, 2"})
    void aRolloutPastItsDeadlineHasFailed(int updated, int available) throws Exception {
        RolloutState state = RolloutState.of(deployment(2, 2, 4, updated, 5, available, "ProgressDeadlineExceeded"));

        assertThat(state.failed()).isTrue();
        assertThat(state.done()).isFalse();
        assertThat(state.message()).isEqualTo("deployment \"web\" exceeded its progress deadline");
    }
}

package io.korch.gateway.resource;

import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Deployment;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.json.ApiJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pure tests of how request bodies become published objects. */
class AdmissionTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final Admission admission = new Admission(Clock.fixed(NOW, ZoneOffset.UTC), () -> "uid-1", new Random(1));

    @Test
    void createAssignsUidTimestampGenerationAndThePathNamespace() {
        Deployment body = deployment("web").namespace(null).build();

        Deployment created = admission.forCreate(Resources.DEPLOYMENTS, body, "team-a");

        assertThat(created.getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo(NOW);
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getNamespace()).isEqualTo("team-a");
    }

    @Test
    void createDefaultsReplicasToOne() {
        Deployment created = admission.forCreate(Resources.DEPLOYMENTS, deployment("web").replicas(null).build(), "default");

        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void createDropsStatusAndResourceVersionSentByTheClient() {
        Pod body = pod("web").build();
        body.setStatus(PodStatus.newBuilder().setPhase("Running").build());
        body.getMetadata().setResourceVersion("42");

        Pod created = admission.forCreate(Resources.PODS, body, "default");

        assertThat(created.getStatus()).isNull();
        assertThat(created.getMetadata().getResourceVersion()).isNull();
    }

    @Test
    void createGeneratesANameFromGenerateName() {
        Pod body = pod(null).build();
        body.getMetadata().setGenerateName("job-");

        Pod created = admission.forCreate(Resources.PODS, body, "default");

        assertThat(created.getMetadata().getName()).matches("job-[a-z0-9]{5}");
    }

    @Test
    void createRefusesANamespaceOtherThanThePath() {
        Pod body = pod("web").namespace("other").build();

        assertThatThrownBy(() -> admission.forCreate(Resources.PODS, body, "default"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.details().causes()).extracting(c -> c.field()).containsExactly("metadata.namespace");
                });
    }

    @Test
    void createRefusesAKindOtherThanThePath() {
        Pod body = pod("web").build();
        body.setKind("Deployment");

        assertThatThrownBy(() -> admission.forCreate(Resources.PODS, body, "default"))
                .isInstanceOfSatisfying(ApiError.class, e ->
                        assertThat(e.details().causes()).extracting(c -> c.field()).containsExactly("kind"));
    }

    @Test
    void createRefusesOwnerReferences() {
        Pod body = pod("web").build();
        body.getMetadata().setOwnerReferences(List.of(OwnerReference.newBuilder().setApiVersion("apps/v1")
                .setKind("ReplicaSet").setName("rs").setUid("u").setController(true).build()));

        assertThatThrownBy(() -> admission.forCreate(Resources.PODS, body, "default"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.details().causes())
                        .extracting(c -> c.field()).containsExactly("metadata.ownerReferences"));
    }

    @Test
    void invalidObjectsGetTheKubernetesMessage() {
        Deployment body = deployment("web").replicas(-1).build();

        assertThatThrownBy(() -> admission.forCreate(Resources.DEPLOYMENTS, body, "default"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: spec.replicas: "
                            + "Invalid value: -1: must be greater than or equal to 0");
                });
    }

    @Test
    void readRefusesAnUnknownFieldNamingItsPath() {
        ObjectNode json = ApiJson.write(pod("web").build());
        ((ObjectNode) json.get("spec").get("containers").get(0)).put("healthCheck", "x");

        assertThatThrownBy(() -> admission.read(Resources.PODS, json))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo(
                            "Pod \"web\" is invalid: spec.containers[0].healthCheck: unknown field");
                });
    }

    private Stored<Deployment> stored(Deployment deployment, long offset) {
        return new Stored<>(admission.forCreate(Resources.DEPLOYMENTS, deployment, "default"), offset, false, offset);
    }

    @Test
    void replaceKeepsIdentityAndBumpsTheGenerationWhenTheSpecChanges() {
        Stored<Deployment> current = stored(deployment("web").replicas(2).build(), 7);
        Admission later = new Admission(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), () -> "uid-2", new Random());
        Deployment body = later.forReplace(Resources.DEPLOYMENTS, deployment("web").replicas(5).build(), "default", "web");

        Deployment replaced = later.replacing(Resources.DEPLOYMENTS, body, current);

        assertThat(replaced.getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(replaced.getMetadata().getCreationTimestamp()).isEqualTo(NOW);
        assertThat(replaced.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void replaceKeepsTheGenerationWhenOnlyLabelsChange() {
        Stored<Deployment> current = stored(deployment("web").build(), 7);
        Deployment body = admission.forReplace(Resources.DEPLOYMENTS, deployment("web").label("tier", "front").build(),
                "default", "web");

        assertThat(admission.replacing(Resources.DEPLOYMENTS, body, current).getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void replaceWithAStaleResourceVersionIsAConflict() {
        Stored<Deployment> current = stored(deployment("web").build(), 7);
        Deployment body = deployment("web").build();
        body.getMetadata().setResourceVersion("6");

        assertThatThrownBy(() -> admission.replacing(Resources.DEPLOYMENTS,
                admission.forReplace(Resources.DEPLOYMENTS, body, "default", "web"), current))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                });
    }

    @Test
    void replaceRefusesANameOtherThanThePath() {
        assertThatThrownBy(() -> admission.forReplace(Resources.DEPLOYMENTS, deployment("api").build(), "default", "web"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.details().causes())
                        .extracting(c -> c.field()).containsExactly("metadata.name"));
    }
}

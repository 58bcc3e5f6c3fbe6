package io.korch.gateway.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Deployment;
import io.korch.gateway.apply.ServerSideApply.Applied;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Stored;
import io.korch.gateway.validation.Cause;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply of Deployments, each result taken through admission and back to JSON as the
 * gateway stores and serves it, so that the next apply sees what a client would.
 */
class ServerSideApplyTest {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-31T12:05:00Z");
    private static final Instant T2 = Instant.parse("2026-01-31T12:10:00Z");

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: front}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: %s
            """;

    private final Admission admission = new Admission(Clock.fixed(T0, ZoneOffset.UTC), () -> "uid-1", new Random(1));

    /** The object as the gateway serves it after the last write; null before the first. */
    private JsonNode live;

    @Test
    void theFirstApplyCreatesTheObjectAndOwnsEverythingApplied() {
        Applied applied = apply("kubectl", web(2, "nginx:1.27"), false, T0);

        assertThat(applied.changed()).isTrue();
        assertThat(live.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(live.at("/metadata/uid").asText()).isEqualTo("uid-1");
        assertThat(live.at("/metadata/managedFields")).hasSize(1);
        assertThat(live.at("/metadata/managedFields/0")).isEqualTo(yaml("""
                manager: kubectl
                operation: Apply
                apiVersion: apps/v1
                time: "2026-01-31T12:00:00Z"
                fieldsType: FieldsV1
                fieldsV1:
                  f:metadata:
                    f:labels:
                      f:app: {}
                      f:tier: {}
                  f:spec:
                    f:replicas: {}
                    f:selector:
                      f:matchLabels:
                        f:app: {}
                    f:template:
                      f:metadata:
                        f:labels:
                          f:app: {}
                      f:spec:
                        f:containers:
                          k:{"name":"web"}:
                            .: {}
                            f:image: {}
                            f:name: {}
                """));
    }

    @Test
    void reapplyingAChangedValueChangesItAndKeepsTheOwnership() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        JsonNode ownedBefore = live.at("/metadata/managedFields/0/fieldsV1");

        Applied applied = apply("kubectl", web(2, "nginx:1.28"), false, T1);

        assertThat(applied.changed()).isTrue();
        assertThat(live.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.28");
        assertThat(live.at("/metadata/managedFields")).hasSize(1);
        assertThat(live.at("/metadata/managedFields/0/time").asText()).isEqualTo("2026-01-31T12:05:00Z");
        assertThat(live.at("/metadata/managedFields/0/fieldsV1")).isEqualTo(ownedBefore);
    }

    @Test
    void reapplyingTheSameConfigurationChangesNothing() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        JsonNode before = live;

        Applied applied = ServerSideApply.apply(Resources.DEPLOYMENTS, Optional.of(live), yaml(web(2, "nginx:1.27")),
                "kubectl", false, T1);

        assertThat(applied.changed()).isFalse();
        assertThat(applied.object().at("/metadata/managedFields")).isEqualTo(before.at("/metadata/managedFields"));
    }

    @Test
    void reapplyingWithoutAFieldRemovesItFromTheObject() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);

        apply("kubectl", web(2, "nginx:1.27").replace(", tier: front", ""), false, T1);

        assertThat(live.at("/metadata/labels").has("tier")).isFalse();
        assertThat(live.at("/metadata/labels/app").asText()).isEqualTo("web");
        assertThat(fieldsOf("kubectl").contains(FieldPath.of("metadata", "labels", "tier"))).isFalse();
    }

    @Test
    void aFieldAnotherManagerAlsoOwnsStaysWhenTheApplierDropsIt() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        apply("labeller", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {tier: front}}
                """, false, T1);

        apply("kubectl", web(2, "nginx:1.27").replace(", tier: front", ""), false, T2);

        assertThat(live.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(fieldsOf("labeller").paths()).containsExactly(FieldPath.of("metadata", "labels", "tier"));
    }

    @Test
    void anotherManagerApplyingADifferentValueConflicts() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        JsonNode before = live;

        assertThatThrownBy(() -> apply("autoscaler", scale(5), false, T1))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
                    assertThat(e.details().causes()).containsExactly(
                            new Cause("FieldManagerConflict", ".spec.replicas", "conflict with \"kubectl\""));
                });
        assertThat(live).isEqualTo(before);
    }

    @Test
    void aConflictWithAnUpdaterNamesItsVersionAndTime() {
        Deployment created = admission.forCreate(Resources.DEPLOYMENTS,
                admission.read(Resources.DEPLOYMENTS, yaml(web(2, "nginx:1.27"))), "default",
                "kubectl-client-side-apply");
        live = ApiJson.write(created);

        assertThatThrownBy(() -> apply("autoscaler", scale(5), false, T1))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with "
                            + "\"kubectl-client-side-apply\" using apps/v1 at 2026-01-31T12:00:00Z: .spec.replicas");
                    assertThat(e.details().causes()).extracting(Cause::reason, Cause::field)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("FieldManagerConflict", ".spec.replicas"));
                });
    }

    @Test
    void severalConflictsAreListedByManager() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);

        assertThatThrownBy(() -> apply("other", web(3, "nginx:1.28"), false, T1))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("""
                            Apply failed with 2 conflicts: conflicts with "kubectl":
                            - .spec.replicas
                            - .spec.template.spec.containers[name="web"].image""");
                    assertThat(e.details().causes()).extracting(Cause::field)
                            .containsExactly(".spec.replicas", ".spec.template.spec.containers[name=\"web\"].image");
                });
    }

    @Test
    void aForcedApplyTakesTheConflictingFields() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);

        apply("autoscaler", scale(5), true, T1);

        assertThat(live.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(fieldsOf("autoscaler").paths()).containsExactly(FieldPath.of("spec", "replicas"));
        assertThat(fieldsOf("kubectl").contains(FieldPath.of("spec", "replicas"))).isFalse();
        assertThat(fieldsOf("kubectl").contains(FieldPath.of("spec", "template", "spec", "containers"))).isFalse();
    }

    @Test
    void applyingTheSameValueSharesTheField() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);

        apply("autoscaler", scale(2), false, T1);

        assertThat(fieldsOf("autoscaler").paths()).containsExactly(FieldPath.of("spec", "replicas"));
        assertThat(fieldsOf("kubectl").contains(FieldPath.of("spec", "replicas"))).isTrue();
    }

    @Test
    void aFieldGivenUpAfterAForcedTakeoverStaysWithItsNewOwner() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        apply("autoscaler", scale(5), true, T1);

        apply("kubectl", web(2, "nginx:1.27").replace("  replicas: 2\n", ""), false, T2);

        assertThat(live.at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void twoManagersOwnDifferentContainersOfOneList() {
        apply("kubectl", web(2, "nginx:1.27"), false, T0);
        String sidecar = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - name: proxy
                        image: envoy:1.30
                """;

        apply("mesh", sidecar, false, T1);
        apply("kubectl", web(2, "nginx:1.28"), false, T2);

        assertThat(live.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText())
                .containsExactly("web", "proxy");
        assertThat(live.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.28");
        assertThat(live.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("envoy:1.30");
        assertThat(fieldsOf("mesh").toFieldsV1()).isEqualTo(yaml("""
                f:spec:
                  f:template:
                    f:spec:
                      f:containers:
                        k:{"name":"proxy"}:
                          .: {}
                          f:image: {}
                          f:name: {}
                """));

        apply("mesh", sidecar.replace("""
                      containers:
                      - name: proxy
                        image: envoy:1.30
                """, "      containers: []\n"), false, T2.plusSeconds(60));

        assertThat(live.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText())
                .containsExactly("web");
        assertThat(managers()).containsExactly("kubectl");
    }

    @Test
    void theFirstApplyToAnObjectWithoutOwnershipGivesItsFieldsToBeforeFirstApply() {
        Deployment created = admission.forCreate(Resources.DEPLOYMENTS,
                admission.read(Resources.DEPLOYMENTS, yaml(web(2, "nginx:1.27"))), "default");
        live = ApiJson.write(created);
        assertThat(live.at("/metadata").has("managedFields")).isFalse();

        assertThatThrownBy(() -> apply("kubectl", web(3, "nginx:1.27"), false, T1))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1 "
                                + "at 2026-01-31T12:05:00Z: .spec.replicas"));

        apply("kubectl", web(2, "nginx:1.27"), false, T1);
        assertThat(managers()).containsExactly("kubectl", "before-first-apply");
    }

    @Test
    void refusesAConfigurationOfAnotherVersionOrThatSetsManagedFields() {
        assertThatThrownBy(() -> apply("kubectl", web(2, "nginx").replace("apps/v1", "apps/v2"), false, T0))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("invalid object type: apps/v2, Kind=Deployment");
                });
        assertThatThrownBy(() -> apply("kubectl", web(2, "nginx").replace("  name: web\n",
                "  name: web\n  managedFields: []\n"), false, T0))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                        .isEqualTo("metadata.managedFields must be nil"));
        assertThatThrownBy(() -> apply("kubectl", web(2, "nginx").replace("- name: web\n        ", "- "), false, T0))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    /** Applies {@code yaml} to the live object and stores the result as the gateway would: through admission. */
    private Applied apply(String manager, String yaml, boolean force, Instant now) {
        Applied applied = ServerSideApply.apply(Resources.DEPLOYMENTS, Optional.ofNullable(live), yaml(yaml), manager,
                force, now);
        Deployment body = admission.read(Resources.DEPLOYMENTS, applied.object());
        if (live == null) {
            live = ApiJson.write(admission.forCreate(Resources.DEPLOYMENTS, body, "default"));
        } else {
            Stored<Deployment> current = new Stored<>(admission.read(Resources.DEPLOYMENTS, live), 1, false, 1);
            Deployment replacing = admission.forReplace(Resources.DEPLOYMENTS, body, "default", "web");
            live = ApiJson.write(admission.replacing(Resources.DEPLOYMENTS, replacing, current));
        }
        return applied;
    }

    private FieldSet fieldsOf(String manager) {
        for (JsonNode entry : live.at("/metadata/managedFields")) {
            if (entry.get("manager").asText().equals(manager)) {
                return FieldSet.fromFieldsV1(entry.get("fieldsV1"));
            }
        }
        return FieldSet.empty();
    }

    private java.util.List<String> managers() {
        java.util.List<String> names = new java.util.ArrayList<>();
        live.at("/metadata/managedFields").forEach(entry -> names.add(entry.get("manager").asText()));
        return names;
    }

    private static String web(int replicas, String image) {
        return WEB.formatted(replicas, image);
    }

    private static String scale(int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: %d}
                """.formatted(replicas);
    }

    private static JsonNode yaml(String text) {
        return Manifests.parseOne(text);
    }
}

package io.korch.gateway.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Deployment;
import io.korch.api.ManagedFieldsEntry;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.Stored;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Update tracking: what creates and replaces by a named field manager record in metadata.managedFields. */
class ManagedFieldsTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            """;

    private final Admission admission = new Admission(Clock.fixed(NOW, ZoneOffset.UTC), () -> "uid-1", new Random(1));

    /**
     * As kubectl shows a created Deployment's fields, but for {@code f:containers}, which korch
     * owns itself too: Kubernetes' Go types always carry the list, korch's records tell a list
     * that is always there from one that appears no better than from a map such as labels.
     */
    @Test
    void aCreateOwnsEveryFieldItSet() {
        Deployment created = create("kubectl-create");

        assertThat(ApiJson.write(created).at("/metadata/managedFields")).isEqualTo(yaml("""
                entries:
                - manager: kubectl-create
                  operation: Update
                  apiVersion: apps/v1
                  time: "2026-01-31T12:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:metadata:
                      f:labels:
                        .: {}
                        f:app: {}
                    f:spec:
                      f:progressDeadlineSeconds: {}
                      f:replicas: {}
                      f:revisionHistoryLimit: {}
                      f:selector:
                        f:matchLabels:
                          .: {}
                          f:app: {}
                      f:strategy:
                        .: {}
                        f:rollingUpdate:
                          .: {}
                          f:maxSurge: {}
                          f:maxUnavailable: {}
                        f:type: {}
                      f:template:
                        f:metadata:
                          f:labels:
                            .: {}
                            f:app: {}
                        f:spec:
                          f:containers:
                            .: {}
                            k:{"name":"web"}:
                              .: {}
                              f:image: {}
                              f:name: {}
                """).get("entries"));
    }

    @Test
    void aReplaceTakesTheFieldsItChangesFromTheirOwner() {
        Deployment created = create("kubectl-create");

        Deployment edited = replace(created, body(5), "kubectl-edit");

        assertThat(managers(edited)).containsExactly("kubectl-create", "kubectl-edit");
        assertThat(fieldsOf(edited, "kubectl-edit").paths()).containsExactly(FieldPath.of("spec", "replicas"));
        assertThat(fieldsOf(edited, "kubectl-create").contains(FieldPath.of("spec", "replicas"))).isFalse();
    }

    @Test
    void aReplaceThatChangesNothingRecordsNothing() {
        Deployment created = create("kubectl-create");

        Deployment replaced = replace(created, body(2), "kubectl-edit");

        assertThat(replaced.getMetadata().getManagedFields()).isEqualTo(created.getMetadata().getManagedFields());
    }

    @Test
    void aRemovedFieldIsNobodysAnyMore() {
        Deployment created = create("kubectl-create");
        Deployment body = body(2);
        body.getMetadata().getLabels().clear();

        Deployment replaced = replace(created, body, "kubectl-edit");

        assertThat(fieldsOf(replaced, "kubectl-create").holdsAnyUnder(FieldPath.of("metadata", "labels"))).isFalse();
        assertThat(managers(replaced)).containsExactly("kubectl-create");
    }

    @Test
    void aReplaceWithoutManagedFieldsKeepsTheCurrentOnes() {
        Deployment created = create("kubectl-create");

        Deployment replaced = admission.replacing(Resources.DEPLOYMENTS, forReplace(body(3)), stored(created));

        assertThat(replaced.getMetadata().getManagedFields()).isEqualTo(created.getMetadata().getManagedFields());
    }

    @Test
    void aReplaceWithAnEmptyListResetsOwnershipAndTracksNoMore() {
        Deployment created = create("kubectl-create");
        Deployment body = body(3);
        body.getMetadata().setManagedFields(new ArrayList<>());

        Deployment replaced = replace(created, body, "kubectl-edit");

        assertThat(replaced.getMetadata().getManagedFields()).isEmpty();
        assertThat(replace(replaced, body(4), "kubectl-edit").getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void aReplaceWithEntriesReplacesTheCurrentOnes() {
        Deployment created = create("kubectl-create");
        Deployment body = body(2);
        body.getMetadata().setManagedFields(new ArrayList<>(List.of(ManagedFieldsEntry.newBuilder()
                .setManager("migrated").setOperation("Update").setApiVersion("apps/v1").setFieldsType("FieldsV1")
                .setFieldsV1("{\"f:spec\":{\"f:replicas\":{}}}").build())));

        Deployment replaced = replace(created, body, "kubectl-edit");

        assertThat(managers(replaced)).containsExactly("migrated");
    }

    @Test
    void aReplaceOfAnObjectWithoutOwnershipRecordsNone() {
        Deployment created = admission.forCreate(Resources.DEPLOYMENTS, body(2), "default");

        Deployment replaced = replace(created, body(3), "kubectl-edit");

        assertThat(replaced.getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void aManagerWithoutAFieldLeftIsDropped() {
        Deployment created = create("kubectl-create");
        Deployment scaled = replace(created, body(5), "autoscaler");

        Deployment reverted = replace(scaled, body(2), "kubectl-edit");

        assertThat(managers(reverted)).containsExactly("kubectl-create", "kubectl-edit");
    }

    private Deployment create(String manager) {
        return admission.forCreate(Resources.DEPLOYMENTS, body(2), "default", manager);
    }

    private Deployment replace(Deployment current, Deployment body, String manager) {
        return admission.replacing(Resources.DEPLOYMENTS, forReplace(body), stored(current), manager);
    }

    private Deployment forReplace(Deployment body) {
        return admission.forReplace(Resources.DEPLOYMENTS, body, "default", "web");
    }

    private static Stored<Deployment> stored(Deployment current) {
        return new Stored<>(current, 1, false, 1);
    }

    private Deployment body(int replicas) {
        return admission.read(Resources.DEPLOYMENTS, yaml(WEB.formatted(replicas)));
    }

    private static List<String> managers(Deployment deployment) {
        return ObjectRecords.metadata(deployment).getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList();
    }

    private static FieldSet fieldsOf(Deployment deployment, String manager) {
        return deployment.getMetadata().getManagedFields().stream().filter(e -> e.getManager().equals(manager))
                .map(e -> FieldSet.fromFieldsV1(e.getFieldsV1())).findFirst().orElse(FieldSet.empty());
    }

    private static JsonNode yaml(String text) {
        return Manifests.parseOne(text);
    }
}

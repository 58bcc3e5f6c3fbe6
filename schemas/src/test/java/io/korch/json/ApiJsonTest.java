package io.korch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Deployment;
import io.korch.api.ManagedFieldsEntry;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
              creationTimestamp: null
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    command: ["sh", "-c", "sleep 3600"]
                    resources:
                      requests: {cpu: 100m, memory: 1}
                    ports:
                    - containerPort: 8080
                      hostPort: 18080
            """;

    @Test
    void readsAKubernetesDeploymentManifest() {
        Deployment deployment = ApiJson.read(Manifests.parseOne(DEPLOYMENT), Deployment.class);

        assertThat(deployment.getMetadata().getName()).isEqualTo("web");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web");
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("sh", "-c", "sleep 3600");
        assertThat(container.getResources().getRequests()).containsEntry("memory", "1");
        assertThat(container.getPorts().get(0).getHostPort()).isEqualTo(18080);
        assertThat(deployment.getStatus()).isNull();
    }

    @Test
    void aProbePortIsANumberOrAPortNameAndWritesBackAsItWasGiven() {
        Pod pod = ApiJson.read(Manifests.parseOne("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: main
                    image: korch/busybox:latest
                    readinessProbe:
                      httpGet: {path: /ready, port: 8080}
                    livenessProbe:
                      tcpSocket: {port: http}
                """), Pod.class);

        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPort()).isEqualTo("8080");
        assertThat(container.getLivenessProbe().getTcpSocket().getPort()).isEqualTo("http");
        JsonNode written = ApiJson.write(pod).get("spec").get("containers").get(0);
        assertThat(written.at("/readinessProbe/httpGet/port").isInt()).isTrue();
        assertThat(written.at("/readinessProbe/httpGet/port").intValue()).isEqualTo(8080);
        assertThat(written.at("/livenessProbe/tcpSocket/port").textValue()).isEqualTo("http");
    }

    @Test
    void writesBackTheSameShapeOmittingEmptyValues() {
        JsonNode manifest = Manifests.parseOne(DEPLOYMENT);
        Deployment deployment = ApiJson.read(manifest, Deployment.class);

        JsonNode json = ApiJson.write(deployment);

        assertThat(json.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("korch/busybox:latest");
        assertThat(json.at("/metadata").has("annotations")).isFalse();
        assertThat(json.at("/metadata").has("creationTimestamp")).isFalse();
        assertThat(ApiJson.read(json, Deployment.class)).isEqualTo(deployment);
    }

    @Test
    void refusesAnUnknownFieldNamingItsPath() {
        JsonNode manifest = Manifests.parseOne(DEPLOYMENT.replace("image: korch", "imagePolicy: x\n        image: korch"));

        assertThatThrownBy(() -> ApiJson.read(manifest, Deployment.class))
                .isInstanceOfSatisfying(FieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.template.spec.containers[0].imagePolicy");
                    assertThat(e.reason()).isEqualTo("unknown field");
                });
    }

    @Test
    void refusesAValueOfTheWrongType() {
        JsonNode manifest = Manifests.parseOne(DEPLOYMENT.replace("replicas: 3", "replicas: three"));

        assertThatThrownBy(() -> ApiJson.read(manifest, Deployment.class))
                .isInstanceOfSatisfying(FieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.replicas");
                    assertThat(e.reason()).contains("expected an integer");
                });
    }

    @Test
    void refusesAMissingRequiredField() {
        JsonNode manifest = Manifests.parseOne("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: main
                """);

        assertThatThrownBy(() -> ApiJson.read(manifest, Pod.class))
                .isInstanceOfSatisfying(FieldException.class,
                        e -> assertThat(e.field()).isEqualTo("spec.containers[0].image"));
    }

    @Test
    void readsAndWritesTimestampsAsRfc3339() {
        JsonNode manifest = Manifests.parseOne("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, creationTimestamp: "2026-01-31T12:00:00Z"}
                spec: {containers: [{name: main, image: busybox}]}
                """);

        Pod pod = ApiJson.read(manifest, Pod.class);

        assertThat(pod.getMetadata().getCreationTimestamp()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(ApiJson.write(pod).at("/metadata/creationTimestamp").asText()).isEqualTo("2026-01-31T12:00:00Z");
    }

    @Test
    void copiesAreIndependentOfTheOriginal() {
        Deployment original = ApiJson.read(Manifests.parseOne(DEPLOYMENT), Deployment.class);

        Deployment copy = ApiJson.copy(original);
        copy.getMetadata().getLabels().put("tier", "front");

        assertThat(original.getMetadata().getLabels()).doesNotContainKey("tier");
    }

    @Test
    void keepsManagedFieldsWithFieldsV1AsAJsonObject() {
        JsonNode manifest = Manifests.parseOne("""
                name: web
                managedFields:
                - manager: kubectl
                  operation: Apply
                  apiVersion: apps/v1
                  time: "2026-01-31T12:00:00Z"
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:spec:
                      f:replicas: {}
                      f:template:
                        f:spec:
                          f:containers:
                            k:{"name":"web"}:
                              .: {}
                              f:image: {}
                """);

        ObjectMeta meta = ApiJson.read(manifest, ObjectMeta.class);

        ManagedFieldsEntry entry = meta.getManagedFields().get(0);
        assertThat(entry.getManager()).isEqualTo("kubectl");
        assertThat(entry.getTime()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(entry.getFieldsV1()).startsWith("{\"f:spec\":{\"f:replicas\":{}");
        assertThat(entry.getSubresource()).isNull();
        JsonNode written = ApiJson.write(meta);
        assertThat(written.at("/managedFields/0/fieldsV1").isObject()).isTrue();
        assertThat(written).isEqualTo(manifest);
    }

    @Test
    void tellsManagedFieldsLeftOutFromAnEmptyList() {
        ObjectMeta leftOut = ApiJson.read(Manifests.parseOne("name: web"), ObjectMeta.class);
        ObjectMeta emptied = ApiJson.read(Manifests.parseOne("{name: web, managedFields: []}"), ObjectMeta.class);

        assertThat(leftOut.getManagedFields()).isNull();
        assertThat(emptied.getManagedFields()).isEmpty();
        assertThat(ApiJson.write(emptied).has("managedFields")).isFalse();
    }
}

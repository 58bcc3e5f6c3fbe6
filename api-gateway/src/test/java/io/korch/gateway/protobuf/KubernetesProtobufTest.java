package io.korch.gateway.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Deployment;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.api.Namespace;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests of reading Kubernetes protobuf bodies, built as the Go client marshals them: every
 * non-pointer field is on the wire, zero or not, and empty structs are empty messages.
 */
class KubernetesProtobufTest {

    /** ObjectMeta as Go marshals one with only a name and labels set. */
    private static WireWriter objectMeta(String name, String... labels) {
        WireWriter meta = new WireWriter().string(1, name).string(2, "").string(3, "").string(4, "").string(5, "")
                .string(6, "").varint(7, 0).message(8, new WireWriter());
        for (int i = 0; i < labels.length; i += 2) {
            meta.entry(11, labels[i], labels[i + 1]);
        }
        return meta;
    }

    /** What {@code kubectl create namespace foo} sends. */
    private static byte[] createNamespace() {
        WireWriter namespace = new WireWriter()
                .message(1, objectMeta("foo"))
                .message(2, new WireWriter())
                .message(3, new WireWriter().string(1, ""));
        return Envelopes.of("v1", "Namespace", namespace);
    }

    /** A container as Go marshals one with only a name and an image set. */
    private static WireWriter container(String name, String image) {
        return new WireWriter().string(1, name).string(2, image).string(5, "")
                .message(8, new WireWriter()).string(13, "").string(14, "")
                .bool(16, false).bool(17, false).bool(18, false).string(20, "");
    }

    /** What {@code kubectl create deployment web --image=korch/busybox:latest --replicas=N} sends. */
    private static WireWriter deployment(int replicas, WireWriter meta) {
        WireWriter podSpec = new WireWriter().message(2, container("busybox", "korch/busybox:latest"))
                .string(3, "").string(6, "").string(8, "").string(9, "").string(10, "")
                .bool(11, false).bool(12, false).bool(13, false)
                .string(16, "").string(17, "").string(19, "").string(24, "");
        WireWriter spec = new WireWriter()
                .varint(1, replicas)
                .message(2, new WireWriter().entry(1, "app", "web"))
                .message(3, new WireWriter().message(1, objectMeta("", "app", "web")).message(2, podSpec))
                .message(4, new WireWriter().string(1, ""))
                .varint(5, 0)
                .bool(7, false);
        WireWriter status = new WireWriter().varint(1, 0).varint(2, 0).varint(3, 0).varint(4, 0).varint(5, 0).varint(7, 0);
        return new WireWriter().message(1, meta).message(2, spec).message(3, status);
    }

    private static byte[] createDeployment(int replicas) {
        return Envelopes.of("apps/v1", "Deployment", deployment(replicas, objectMeta("web", "app", "web")));
    }

    /** What {@code kubectl create service nodeport web --tcp=80:8080} sends. */
    private static byte[] createService() {
        WireWriter targetPort = new WireWriter().varint(1, 0).varint(2, 8080).string(3, "");
        WireWriter port = new WireWriter().string(1, "80-8080").string(2, "TCP").varint(3, 80).message(4, targetPort)
                .varint(5, 0);
        WireWriter spec = new WireWriter().message(1, port).entry(2, "app", "web").string(3, "").string(4, "NodePort")
                .string(7, "").string(8, "").string(10, "").string(11, "").varint(12, 0).bool(13, false);
        WireWriter status = new WireWriter().message(1, new WireWriter());
        return Envelopes.of("v1", "Service", new WireWriter().message(1, objectMeta("web", "app", "web"))
                .message(2, spec).message(3, status));
    }

    @Test
    void readsAServiceAsKubectlCreatesIt() throws Exception {
        JsonNode json = KubernetesProtobuf.toJson(createService());

        assertThat(json).isEqualTo(ApiJson.MAPPER.readTree("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"app": "web"}},
                 "spec": {"ports": [{"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080}],
                          "selector": {"app": "web"}, "type": "NodePort"}}"""));
        assertThat(ApiJson.read(json, io.korch.api.Service.class).getSpec().getPorts().get(0).getTargetPort())
                .isEqualTo("8080");
    }

    /** What {@code kubectl autoscale deployment/web --max 5 --cpu-percent 50} sends, with a Pods metric added. */
    private static byte[] createAutoscaler() {
        WireWriter target = new WireWriter().string(1, "Deployment").string(2, "web").string(3, "apps/v1");
        WireWriter cpu = new WireWriter().string(1, "Resource")
                .message(4, new WireWriter().string(1, "cpu").message(2, new WireWriter().string(1, "Utilization").varint(4, 50)));
        WireWriter pods = new WireWriter().string(1, "Pods").message(3, new WireWriter().message(1, new WireWriter().string(1, "qps")));
        WireWriter memory = new WireWriter().string(1, "Resource").message(4, new WireWriter().string(1, "memory")
                .message(2, new WireWriter().string(1, "AverageValue").message(3, new WireWriter().string(1, "64Mi"))));
        WireWriter spec = new WireWriter().message(1, target).varint(3, 5).message(4, cpu).message(4, memory).message(4, pods);
        WireWriter status = new WireWriter().varint(3, 0).varint(4, 0);
        return Envelopes.of("autoscaling/v2", "HorizontalPodAutoscaler",
                new WireWriter().message(1, objectMeta("web")).message(2, spec).message(3, status));
    }

    @Test
    void readsAnAutoscalerAsKubectlAutoscaleCreatesIt() throws Exception {
        JsonNode json = KubernetesProtobuf.toJson(createAutoscaler());

        assertThat(json.path("spec")).isEqualTo(ApiJson.MAPPER.readTree("""
                {"scaleTargetRef": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"}, "maxReplicas": 5,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                                "target": {"type": "Utilization", "averageUtilization": 50}}},
                             {"type": "Resource", "resource": {"name": "memory",
                                "target": {"type": "AverageValue", "averageValue": "64Mi"}}},
                             {"type": "Pods", "pods": {}}]}"""));
        HorizontalPodAutoscaler hpa = ApiJson.read(json, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMinReplicas()).isNull();
        assertThat(hpa.getSpec().getMetrics().get(2).getPods()).isEqualTo("{}");
    }

    @Test
    void readsANamespaceAsKubectlCreatesIt() throws Exception {
        JsonNode json = KubernetesProtobuf.toJson(createNamespace());

        assertThat(json).isEqualTo(ApiJson.MAPPER.readTree(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"foo\"}}"));
        assertThat(ApiJson.read(json, Namespace.class).getMetadata().getName()).isEqualTo("foo");
    }

    @Test
    void readsADeploymentAsKubectlCreatesIt() throws Exception {
        JsonNode json = KubernetesProtobuf.toJson(createDeployment(2));

        assertThat(json).isEqualTo(ApiJson.MAPPER.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"busybox","image":"korch/busybox:latest"}]}}}}
                """));
        Deployment deployment = ApiJson.read(json, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("korch/busybox:latest");
    }

    @Test
    void keepsAZeroReplicaCountAsItIsAPointer() {
        JsonNode json = KubernetesProtobuf.toJson(createDeployment(0));

        assertThat(json.at("/spec/replicas").isInt()).isTrue();
        assertThat(json.at("/spec/replicas").intValue()).isZero();
    }

    @Test
    void readsEmptyStatusStrategyAndResourcesAsKorchAccepts() throws Exception {
        JsonNode json = ApiJson.MAPPER.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{},"strategy":{},
                         "template":{"spec":{"containers":[{"name":"c","image":"i","resources":{}}]}}},
                 "status":{}}
                """);

        Deployment deployment = ApiJson.read(json, Deployment.class);

        assertThat(deployment.getSpec().getStrategy().getType()).isNull();
        assertThat(deployment.getStatus().getReplicas()).isZero();
    }

    @Test
    void showsTimesAsRfc3339Seconds() {
        WireWriter meta = new WireWriter().string(1, "web").message(8, new WireWriter().varint(1, 1_700_000_000L).varint(2, 5));
        JsonNode json = KubernetesProtobuf.toJson(Envelopes.of("v1", "Namespace", new WireWriter().message(1, meta)));

        assertThat(json.at("/metadata/creationTimestamp").textValue()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void readsQuantitiesAsStrings() {
        WireWriter quantity = new WireWriter().string(1, "250m");
        WireWriter resources = new WireWriter().message(2, new WireWriter().string(1, "cpu").message(2, quantity));
        WireWriter container = new WireWriter().string(1, "c").string(2, "i").message(8, resources);
        WireWriter pod = new WireWriter().message(1, objectMeta("p")).message(2, new WireWriter().message(2, container));

        JsonNode json = KubernetesProtobuf.toJson(Envelopes.of("v1", "Pod", pod));

        assertThat(json.at("/spec/containers/0/resources/requests/cpu").textValue()).isEqualTo("250m");
    }

    @Test
    void namesAFieldKorchDoesNotModelSoThatKorchRefusesIt() {
        WireWriter meta = new WireWriter().string(1, "foo").string(4, "/api/v1/namespaces/foo");
        JsonNode json = KubernetesProtobuf.toJson(Envelopes.of("v1", "Namespace", new WireWriter().message(1, meta)));

        assertThat(json.at("/metadata/selfLink").textValue()).isEqualTo("/api/v1/namespaces/foo");
        assertThatThrownBy(() -> ApiJson.read(json, Namespace.class))
                .isInstanceOf(FieldException.class)
                .hasMessage("metadata.selfLink: unknown field");
    }

    @Test
    void showsAMessageKorchDoesNotModelAsAnObject() {
        WireWriter container = container("c", "i").message(10, new WireWriter().varint(4, 3));
        WireWriter pod = new WireWriter().message(1, objectMeta("p")).message(2, new WireWriter().message(2, container));

        JsonNode json = KubernetesProtobuf.toJson(Envelopes.of("v1", "Pod", pod));

        assertThat(json.at("/spec/containers/0/livenessProbe").isObject()).isTrue();
    }

    @Test
    void refusesAFieldNumberTheTableLacks() {
        WireWriter meta = new WireWriter().string(1, "foo").varint(99, 1);
        byte[] body = Envelopes.of("v1", "Namespace", new WireWriter().message(1, meta));

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("ObjectMeta has no field number 99");
    }

    @Test
    void refusesABodyWithoutTheMagic() {
        byte[] body = createNamespace();
        body[0] = '{';

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessageContaining("prefix");
    }

    @Test
    void refusesATruncatedVarint() {
        byte[] truncated = {'k', '8', 's', 0, 0x0a, (byte) 0x80};

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(truncated))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("truncated varint");
    }

    @Test
    void refusesALengthPastTheEnd() {
        byte[] body = createNamespace();
        // the envelope ends with raw, then an empty contentEncoding and contentType of two bytes each
        byte[] cut = Arrays.copyOf(body, body.length - 5);

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(cut))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessageContaining("runs past the end");
    }

    @Test
    void refusesAKindKorchDoesNotRead() {
        byte[] body = Envelopes.of("v1", "Secret", new WireWriter());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("korch does not read Secret of v1 as protobuf");
    }

    @Test
    void readsAScaleWithItsResourceVersion() {
        WireWriter meta = new WireWriter().string(1, "web").string(3, "foo").string(6, "42");
        WireWriter scale = new WireWriter().message(1, meta).message(2, new WireWriter().varint(1, 3))
                .message(3, new WireWriter().varint(1, 2).string(2, "app=web"));

        JsonNode json = KubernetesProtobuf.toJson(Envelopes.of("autoscaling/v1", "Scale", scale));

        assertThat(json.at("/spec/replicas").intValue()).isEqualTo(3);
        assertThat(json.at("/metadata/resourceVersion").textValue()).isEqualTo("42");
        assertThat(json.at("/status/selector").textValue()).isEqualTo("app=web");
    }
}

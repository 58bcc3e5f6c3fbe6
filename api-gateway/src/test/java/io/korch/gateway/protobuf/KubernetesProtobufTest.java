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
    private static Proto objectMeta(String name, String... labels) {
        Proto meta = new Proto().string(1, name).string(2, "").string(3, "").string(4, "").string(5, "")
                .string(6, "").varint(7, 0).message(8, new Proto());
        for (int i = 0; i < labels.length; i += 2) {
            meta.entry(11, labels[i], labels[i + 1]);
        }
        return meta;
    }

    /** What {@code kubectl create namespace foo} sends. */
    private static byte[] createNamespace() {
        Proto namespace = new Proto()
                .message(1, objectMeta("foo"))
                .message(2, new Proto())
                .message(3, new Proto().string(1, ""));
        return Proto.envelope("v1", "Namespace", namespace);
    }

    /** A container as Go marshals one with only a name and an image set. */
    private static Proto container(String name, String image) {
        return new Proto().string(1, name).string(2, image).string(5, "")
                .message(8, new Proto()).string(13, "").string(14, "")
                .bool(16, false).bool(17, false).bool(18, false).string(20, "");
    }

    /** What {@code kubectl create deployment web --image=korch/busybox:latest --replicas=N} sends. */
    private static Proto deployment(int replicas, Proto meta) {
        Proto podSpec = new Proto().message(2, container("busybox", "korch/busybox:latest"))
                .string(3, "").string(6, "").string(8, "").string(9, "").string(10, "")
                .bool(11, false).bool(12, false).bool(13, false)
                .string(16, "").string(17, "").string(19, "").string(24, "");
        Proto spec = new Proto()
                .varint(1, replicas)
                .message(2, new Proto().entry(1, "app", "web"))
                .message(3, new Proto().message(1, objectMeta("", "app", "web")).message(2, podSpec))
                .message(4, new Proto().string(1, ""))
                .varint(5, 0)
                .bool(7, false);
        Proto status = new Proto().varint(1, 0).varint(2, 0).varint(3, 0).varint(4, 0).varint(5, 0).varint(7, 0);
        return new Proto().message(1, meta).message(2, spec).message(3, status);
    }

    private static byte[] createDeployment(int replicas) {
        return Proto.envelope("apps/v1", "Deployment", deployment(replicas, objectMeta("web", "app", "web")));
    }

    /** What {@code kubectl create service nodeport web --tcp=80:8080} sends. */
    private static byte[] createService() {
        Proto targetPort = new Proto().varint(1, 0).varint(2, 8080).string(3, "");
        Proto port = new Proto().string(1, "80-8080").string(2, "TCP").varint(3, 80).message(4, targetPort)
                .varint(5, 0);
        Proto spec = new Proto().message(1, port).entry(2, "app", "web").string(3, "").string(4, "NodePort")
                .string(7, "").string(8, "").string(10, "").string(11, "").varint(12, 0).bool(13, false);
        Proto status = new Proto().message(1, new Proto());
        return Proto.envelope("v1", "Service", new Proto().message(1, objectMeta("web", "app", "web"))
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
        Proto target = new Proto().string(1, "Deployment").string(2, "web").string(3, "apps/v1");
        Proto cpu = new Proto().string(1, "Resource")
                .message(4, new Proto().string(1, "cpu").message(2, new Proto().string(1, "Utilization").varint(4, 50)));
        Proto pods = new Proto().string(1, "Pods").message(3, new Proto().message(1, new Proto().string(1, "qps")));
        Proto memory = new Proto().string(1, "Resource").message(4, new Proto().string(1, "memory")
                .message(2, new Proto().string(1, "AverageValue").message(3, new Proto().string(1, "64Mi"))));
        Proto spec = new Proto().message(1, target).varint(3, 5).message(4, cpu).message(4, memory).message(4, pods);
        Proto status = new Proto().varint(3, 0).varint(4, 0);
        return Proto.envelope("autoscaling/v2", "HorizontalPodAutoscaler",
                new Proto().message(1, objectMeta("web")).message(2, spec).message(3, status));
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
        Proto meta = new Proto().string(1, "web").message(8, new Proto().varint(1, 1_700_000_000L).varint(2, 5));
        JsonNode json = KubernetesProtobuf.toJson(Proto.envelope("v1", "Namespace", new Proto().message(1, meta)));

        assertThat(json.at("/metadata/creationTimestamp").textValue()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void readsQuantitiesAsStrings() {
        Proto quantity = new Proto().string(1, "250m");
        Proto resources = new Proto().message(2, new Proto().string(1, "cpu").message(2, quantity));
        Proto container = new Proto().string(1, "c").string(2, "i").message(8, resources);
        Proto pod = new Proto().message(1, objectMeta("p")).message(2, new Proto().message(2, container));

        JsonNode json = KubernetesProtobuf.toJson(Proto.envelope("v1", "Pod", pod));

        assertThat(json.at("/spec/containers/0/resources/requests/cpu").textValue()).isEqualTo("250m");
    }

    @Test
    void namesAFieldKorchDoesNotModelSoThatKorchRefusesIt() {
        Proto meta = new Proto().string(1, "foo").string(4, "/api/v1/namespaces/foo");
        JsonNode json = KubernetesProtobuf.toJson(Proto.envelope("v1", "Namespace", new Proto().message(1, meta)));

        assertThat(json.at("/metadata/selfLink").textValue()).isEqualTo("/api/v1/namespaces/foo");
        assertThatThrownBy(() -> ApiJson.read(json, Namespace.class))
                .isInstanceOf(FieldException.class)
                .hasMessage("metadata.selfLink: unknown field");
    }

    @Test
    void showsAMessageKorchDoesNotModelAsAnObject() {
        Proto container = container("c", "i").message(10, new Proto().varint(4, 3));
        Proto pod = new Proto().message(1, objectMeta("p")).message(2, new Proto().message(2, container));

        JsonNode json = KubernetesProtobuf.toJson(Proto.envelope("v1", "Pod", pod));

        assertThat(json.at("/spec/containers/0/livenessProbe").isObject()).isTrue();
    }

    @Test
    void refusesAFieldNumberTheTableLacks() {
        Proto meta = new Proto().string(1, "foo").varint(99, 1);
        byte[] body = Proto.envelope("v1", "Namespace", new Proto().message(1, meta));

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
        byte[] body = Proto.envelope("v1", "Secret", new Proto());

        assertThatThrownBy(() -> KubernetesProtobuf.toJson(body))
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("korch does not read Secret of v1 as protobuf");
    }

    @Test
    void readsAScaleWithItsResourceVersion() {
        Proto meta = new Proto().string(1, "web").string(3, "foo").string(6, "42");
        Proto scale = new Proto().message(1, meta).message(2, new Proto().varint(1, 3))
                .message(3, new Proto().varint(1, 2).string(2, "app=web"));

        JsonNode json = KubernetesProtobuf.toJson(Proto.envelope("autoscaling/v1", "Scale", scale));

        assertThat(json.at("/spec/replicas").intValue()).isEqualTo(3);
        assertThat(json.at("/metadata/resourceVersion").textValue()).isEqualTo("42");
        assertThat(json.at("/status/selector").textValue()).isEqualTo("app=web");
    }
}

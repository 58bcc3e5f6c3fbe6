package io.korch.gateway.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.json.ApiJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of protobuf request bodies over HTTP: read as JSON would be, answered in JSON. */
class ProtobufBodiesTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private static HttpResponse<Buffer> post(String path, byte[] body) throws Exception {
        return gateway.client().postAbs(gateway.url() + path)
                .putHeader("Content-Type", KubernetesProtobuf.MEDIA_TYPE)
                .putHeader("Accept", KubernetesProtobuf.MEDIA_TYPE + ",application/json")
                .sendBuffer(Buffer.buffer(body))
                .await(30, TimeUnit.SECONDS);
    }

    private static byte[] namespace(WireWriter meta) {
        return Envelopes.of("v1", "Namespace", new WireWriter().message(1, meta).message(2, new WireWriter())
                .message(3, new WireWriter().string(1, "")));
    }

    @Test
    void createsANamespaceSentAsProtobufAndAnswersInJson() throws Exception {
        HttpResponse<Buffer> response = post(Api.NAMESPACES,
                namespace(new WireWriter().string(1, "proto").string(4, "").varint(7, 0).message(8, new WireWriter())));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(ApiJson.MAPPER.readTree(response.bodyAsString()).at("/metadata/name").textValue()).isEqualTo("proto");
    }

    @Test
    void refusesAFieldKorchDoesNotModelBy422NamingIt() throws Exception {
        HttpResponse<Buffer> response = post(Api.NAMESPACES,
                namespace(new WireWriter().string(1, "linked").string(4, "/api/v1/namespaces/linked")));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.bodyAsString()).contains("metadata.selfLink");
    }

    @Test
    void createsAnAutoscalerAsKubectlAutoscaleSendsItThroughAutoscalingV1() throws Exception {
        WireWriter target = new WireWriter().string(1, "Deployment").string(2, "web").string(3, "apps/v1");
        WireWriter spec = new WireWriter().message(1, target).varint(2, 1).varint(3, 3).varint(4, 50);
        WireWriter status = new WireWriter().varint(3, 0).varint(4, 0);
        byte[] body = Envelopes.of("autoscaling/v1", "HorizontalPodAutoscaler",
                new WireWriter().message(1, new WireWriter().string(1, "web")).message(2, spec).message(3, status));

        HttpResponse<Buffer> response = post("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers", body);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        JsonNode created = ApiJson.MAPPER.readTree(response.bodyAsString());
        assertThat(created.at("/spec/targetCPUUtilizationPercentage").intValue()).isEqualTo(50);
        JsonNode v2 = ApiJson.MAPPER.readTree(gateway.client()
                .getAbs(gateway.url() + "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web")
                .send().await(30, TimeUnit.SECONDS).bodyAsString());
        assertThat(v2.at("/spec/metrics/0/resource/target/averageUtilization").intValue()).isEqualTo(50);
        assertThat(v2.at("/spec/maxReplicas").intValue()).isEqualTo(3);
    }

    @Test
    void answersABrokenBodyWith400() throws Exception {
        HttpResponse<Buffer> response = post(Api.NAMESPACES, new byte[] {'k', '8', 's', 0, 0x0a, (byte) 0x80});

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode status = ApiJson.MAPPER.readTree(response.bodyAsString());
        assertThat(status.path("message").textValue()).isEqualTo("malformed protobuf: truncated varint");
    }
}

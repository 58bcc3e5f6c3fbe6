package io.korch.gateway.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import org.junit.jupiter.api.Test;

/** Pure tests of reading a Scale sent to a deployment. */
class ScalesTest {

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return ApiJson.MAPPER.readTree(text);
    }

    @Test
    void readsTheReplicasAndTheResourceVersion() throws Exception {
        Scales.ScaleRequest request = Scales.read(json("{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\","
                + "\"metadata\":{\"name\":\"web\",\"resourceVersion\":\"12\"},\"spec\":{\"replicas\":4}}"), ApiKind.DEPLOYMENT, "default", "web");

        assertThat(request).isEqualTo(new Scales.ScaleRequest(4, "12"));
    }

    @Test
    void refusesAScaleOfAnotherDeploymentOrWithoutReplicas() throws Exception {
        assertThatThrownBy(() -> Scales.read(json("{\"metadata\":{\"name\":\"api\"},\"spec\":{}}"), ApiKind.DEPLOYMENT, "default", "web"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.details().causes()).extracting(c -> c.field())
                            .containsExactly("metadata.name", "spec.replicas");
                });
    }

    @Test
    void refusesUnknownFields() throws Exception {
        assertThatThrownBy(() -> Scales.read(json("{\"spec\":{\"replicas\":1},\"extra\":1}"), ApiKind.DEPLOYMENT, "default", "web"))
                .isInstanceOfSatisfying(ApiError.class, e ->
                        assertThat(e.details().causes()).extracting(c -> c.field()).containsExactly("extra"));
    }
}

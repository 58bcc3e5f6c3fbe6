package io.korch.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.gateway.protobuf.OpenApiV2Protobuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Accept header chooses aggregated or legacy discovery, and whether OpenAPI can be answered. */
class DiscoveryFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // kubectl 1.30+: v2 first, then v2beta1, then plain JSON
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json | v2",
        // kubectl 1.27-1.29
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json | v2beta1",
        "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io | v2",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer | v2",
        "application/json | null",
        "null | null",
        "*/* | null",
        "application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | null",
        "application/json;q=0.5, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | v2",
        "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList, application/json | null",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0, application/json | null",
    })
    void anAggregatedVersionIsAnsweredOnlyWhenPreferredOverPlainJson(String accept, String version) {
        assertThat(DiscoveryFormat.aggregatedVersion(accept).orElse(null)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null | true",
        "application/json | true",
        "application/json, */* | true",
        "*/* | true",
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf | false",
        "application/com.github.proto-openapi.spec.v3@v1.0+protobuf | false",
        "application/json;q=0, application/yaml | false",
    })
    void openApiIsServedToClientsThatAcceptJson(String accept, boolean accepted) {
        assertThat(DiscoveryFormat.acceptsJson(accept)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // kubectl up to 1.26
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf | protobuf",
        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf | protobuf",
        "application/json | json",
        "null | json",
        "*/* | json",
        "application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf | json",
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json | protobuf",
        "application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf | protobuf",
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0, application/json | json",
        "application/com.github.proto-openapi.spec.v3@v1.0+protobuf | null",
        "application/yaml | null",
    })
    void openApiV2IsAnsweredAsProtobufWhenPreferredOverJson(String accept, String format) {
        String expected = format == null ? null
                : format.equals("json") ? "application/json" : OpenApiV2Protobuf.MEDIA_TYPE;
        assertThat(DiscoveryFormat.openApiV2Type(accept).orElse(null)).isEqualTo(expected);
    }

    @Test
    void theAggregatedContentTypeNamesGroupVersionAndKind() {
        assertThat(DiscoveryFormat.contentType("v2"))
                .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    }
}

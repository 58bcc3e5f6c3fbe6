package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.gateway.printing.Conversion;
import io.korch.gateway.printing.Conversion.Target;
import io.korch.gateway.resource.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of the Accept header: ranking JSON against YAML, and the conversions its as, g and v parameters ask for. */
class NegotiationTest {

    /** What kubectl get sends for its human-readable output. */
    private static final String KUBECTL_GET = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null | false",
        "application/json | false",
        "application/yaml | true",
        "text/yaml | true",
        "*/* | false",
        "application/yaml, application/json | false",
        "application/yaml, application/json;q=0.9 | true",
        "application/json;q=0.5, application/yaml | true",
        "application/yaml;q=0.1, */* | false",
        "text/html | false",
    })
    void answersInYamlOnlyWhenTheClientRanksItAboveJson(String accept, boolean yaml) {
        assertThat(Negotiation.prefersYaml(accept)).isEqualTo(yaml);
    }

    @Test
    void kubectlsAcceptAsksForAV1TableInJson() {
        assertThat(Negotiation.accepted(KUBECTL_GET)).isEqualTo(new Negotiation.Accepted(false, new Conversion(Target.TABLE, "v1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json;as=Table;g=meta.k8s.io;v=v1beta1 | TABLE | v1beta1 | false",
        "application/yaml;as=Table;g=meta.k8s.io;v=v1 | TABLE | v1 | true",
        "application/json;g=meta.k8s.io;v=v1;as=PartialObjectMetadataList | PARTIAL_OBJECT_METADATA_LIST | v1 | false",
        "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json | PARTIAL_OBJECT_METADATA | v1 | false",
        "*/*;as=Table;g=meta.k8s.io;v=v1 | TABLE | v1 | false",
        "application/json;q=0.5, application/json;as=Table;g=meta.k8s.io;v=v1 | TABLE | v1 | false",
        "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1;g=meta.k8s.io | TABLE | v1 | false",
        "APPLICATION/JSON; AS=Table; G=meta.k8s.io; V=v1 | TABLE | v1 | false",
    })
    void takesTheFirstConversionItServesByQuality(String accept, Target target, String version, boolean yaml) {
        assertThat(Negotiation.accepted(accept)).isEqualTo(new Negotiation.Accepted(yaml, new Conversion(target, version)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null | false",
        "application/json | false",
        "application/yaml | true",
        "application/json;as=Table;g=meta.k8s.io;v=v2, application/json | false",
        "application/json;as=Pod;g=meta.k8s.io;v=v1, application/yaml | true",
        "application/json;as=Table;g=meta.k8s.io;v=v1;q=0, application/json | false",
        "application/json, application/json;as=Table;g=meta.k8s.io;v=v1 | false",
        "text/html | false",
    })
    void answersWithTheObjectsWhenAPlainTypeComesFirst(String accept, boolean yaml) {
        assertThat(Negotiation.accepted(accept)).isEqualTo(new Negotiation.Accepted(yaml, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json;as=Table;g=example.com;v=v1",
        "application/json;as=Deployment;g=meta.k8s.io;v=v1",
        "application/json;as=Table;g=meta.k8s.io",
        "application/json;as=Table;g=meta.k8s.io;v=v2, text/html",
    })
    void refusesAnAcceptAskingOnlyForConversionsItDoesNotServe(String accept) {
        assertThatThrownBy(() -> Negotiation.accepted(accept))
                .isInstanceOfSatisfying(ApiError.class, error -> {
                    assertThat(error.code()).isEqualTo(406);
                    assertThat(error.reason()).isEqualTo("NotAcceptable");
                    assertThat(error.getMessage())
                            .isEqualTo("only the following media types are accepted: application/json, application/yaml");
                });
    }
}

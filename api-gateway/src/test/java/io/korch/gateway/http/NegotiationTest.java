package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of the Accept header ranking between JSON and YAML. */
class NegotiationTest {

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
}

package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String NAME_PART_MESSAGE = "name part must consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "web", "web-1", "web.example.com", "a-b.c-d", "1.2.3", "pod-7f9c4d-x2x"})
    void subdomainAcceptsLowercaseAlphanumericsDashesAndDots(String name) {
        assertThat(Names.checkDns1123Subdomain(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "web_1", "-web", "web-", ".web", "web.", "a..b", "a.-b", "a-.b", "we b", "wéb",
        "a/b"})
    void subdomainRejectsOtherCharactersAndBadEdges(String name) {
        assertThat(Names.checkDns1123Subdomain(name)).isEqualTo(SUBDOMAIN_MESSAGE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void subdomainRejectsNullAndEmpty(String name) {
        assertThat(Names.checkDns1123Subdomain(name)).isEqualTo("must not be empty");
    }

    @ParameterizedTest
    @CsvSource({"253, ", "254, must be no more than 253 characters"})
    void subdomainIsLimitedTo253Characters(int length, String message) {
        assertThat(Names.checkDns1123Subdomain("a".repeat(length))).isEqualTo(message);
    }

    @Test
    void subdomainLengthCountsAllDotSeparatedParts() {
        String name = ("a".repeat(63) + ".").repeat(4) + "b";

        assertThat(Names.checkDns1123Subdomain(name)).isEqualTo("must be no more than 253 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "9", "default", "kube-system", "nginx-2", "123-abc"})
    void labelAcceptsLowercaseAlphanumericsAndDashes(String name) {
        assertThat(Names.checkDns1123Label(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "Default", "kube_system", "-ns", "ns-", "n s", "ns!"})
    void labelRejectsDotsUppercaseUnderscoresAndBadEdges(String name) {
        assertThat(Names.checkDns1123Label(name)).isEqualTo(LABEL_MESSAGE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void labelRejectsNullAndEmpty(String name) {
        assertThat(Names.checkDns1123Label(name)).isEqualTo("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "my-svc", "a1"})
    void aServiceNameIsALabelStartingWithALetter(String name) {
        assertThat(Names.checkDns1035Label(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9web", "123-abc", "Web", "web-", "a.b"})
    void aServiceNameStartingWithADigitOrHoldingOtherCharactersIsRefused(String name) {
        assertThat(Names.checkDns1035Label(name)).isEqualTo(Names.DNS1035_LABEL_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({"63, ", "64, must be no more than 63 characters"})
    void labelIsLimitedTo63Characters(int length, String message) {
        assertThat(Names.checkDns1123Label("a".repeat(length))).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "App", "tier_1", "a.b-c_d", "9", "app.kubernetes.io/name", "example.com/My.Name",
        "k8s.io/a"})
    void labelKeyAcceptsNamesWithOptionalDnsPrefix(String key) {
        assertThat(Names.checkLabelKey(key)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-app|" + NAME_PART_MESSAGE,
        "app-|" + NAME_PART_MESSAGE,
        "_app|" + NAME_PART_MESSAGE,
        "a pp|" + NAME_PART_MESSAGE,
        "app!|" + NAME_PART_MESSAGE,
        "example.com/-x|" + NAME_PART_MESSAGE,
        "example.com/|name part must be non-empty",
        "/app|prefix part must be non-empty",
        "Example.com/app|prefix part " + SUBDOMAIN_MESSAGE,
        "example_com/app|prefix part " + SUBDOMAIN_MESSAGE,
        "a/b/c|a qualified name must be a name with an optional DNS subdomain prefix and '/' "
            + "(e.g. 'example.com/MyName')",
    })
    void labelKeyRejectsBadNamePartsAndPrefixes(String key, String message) {
        assertThat(Names.checkLabelKey(key)).isEqualTo(message);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void labelKeyRejectsNullAndEmpty(String key) {
        assertThat(Names.checkLabelKey(key)).isEqualTo("name part must be non-empty");
    }

    @ParameterizedTest
    @CsvSource({"63, 253, ", "64, 1, name part must be no more than 63 characters",
        "1, 254, prefix part must be no more than 253 characters"})
    void labelKeyLimitsNamePartTo63AndPrefixTo253Characters(int nameLength, int prefixLength, String message) {
        String key = "p".repeat(prefixLength) + "/" + "n".repeat(nameLength);

        assertThat(Names.checkLabelKey(key)).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web", "Web", "v1.2.3", "a_b-c.d", "0", "x"})
    void labelValueAcceptsEmptyOrQualifiedName(String value) {
        assertThat(Names.checkLabelValue(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-web", "web-", ".web", "web_", "we b", "a/b", "a=b", "wéb"})
    void labelValueRejectsOtherCharactersAndBadEdges(String value) {
        assertThat(Names.checkLabelValue(value)).isEqualTo(VALUE_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource({"63, ", "64, must be no more than 63 characters"})
    void labelValueIsLimitedTo63Characters(int length, String message) {
        assertThat(Names.checkLabelValue("v".repeat(length))).isEqualTo(message);
    }

    @Test
    void labelValueRejectsNull() {
        assertThat(Names.checkLabelValue(null)).isEqualTo("must not be null");
    }
}

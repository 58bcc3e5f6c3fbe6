package io.korch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestsTest {

    @Test
    void splitsMultiDocumentYamlSkippingEmptyDocuments() {
        String text = """
                ---
                kind: Namespace
                ---
                # nothing here
                ---
                kind: Deployment
                """;

        assertThat(Manifests.parse(text)).extracting(d -> d.get("kind").asText())
                .containsExactly("Namespace", "Deployment");
    }

    @Test
    void readsJsonToo() {
        assertThat(Manifests.parseOne("{\"kind\": \"Pod\"}").get("kind").asText()).isEqualTo("Pod");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThatThrownBy(() -> Manifests.parse("kind: Pod\nmetadata:\n  name: [unclosed\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed YAML at line");
    }

    @Test
    void refusesADocumentThatIsNotAnObject() {
        assertThatThrownBy(() -> Manifests.parse("just a string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document 1 is not an object");
    }
}

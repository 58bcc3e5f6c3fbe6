package io.korch.gateway.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.korch.gateway.resource.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6902 JSON Patch, with the answers Kubernetes gives a patch that does not apply. */
class JsonPatchTest {

    private static final JsonNode DEPLOYMENT = Json.of("{'metadata':{'name':'web','labels':{'app':'web'}},"
            + "'spec':{'replicas':2,'template':{'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}}}");

    @Test
    void appliesAddReplaceAndRemoveInOrder() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'add','path':'/metadata/labels/tier','value':'front'},"
                + "{'op':'replace','path':'/spec/replicas','value':5},"
                + "{'op':'remove','path':'/metadata/labels/app'}]"));

        assertThat(patched.at("/metadata/labels")).isEqualTo(Json.of("{'tier':'front'}"));
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void leavesTheDocumentItPatchesUnchanged() {
        JsonNode before = DEPLOYMENT.deepCopy();

        JsonPatch.apply(DEPLOYMENT, Json.of("[{'op':'remove','path':'/spec'}]"));

        assertThat(DEPLOYMENT).isEqualTo(before);
    }

    @Test
    void appendsWithDashAndInsertsAtAnIndex() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'add','path':'/spec/template/spec/containers/-','value':{'name':'log'}},"
                + "{'op':'add','path':'/spec/template/spec/containers/0','value':{'name':'init'}}]"));

        assertThat(patched.at("/spec/template/spec/containers")).extracting(c -> c.get("name").asText())
                .containsExactly("init", "web", "log");
    }

    @Test
    void readsEscapedSlashAndTildeInPointers() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'add','path':'/metadata/annotations','value':{}},"
                + "{'op':'add','path':'/metadata/annotations/example.com~1owner','value':'ops'},"
                + "{'op':'add','path':'/metadata/annotations/a~0b','value':'tilde'}]"));

        assertThat(patched.at("/metadata/annotations")).isEqualTo(Json.of("{'example.com/owner':'ops','a~b':'tilde'}"));
    }

    @Test
    void addOnTheRootReplacesTheDocument() {
        assertThat(JsonPatch.apply(DEPLOYMENT, Json.of("[{'op':'add','path':'','value':{'a':1}}]")))
                .isEqualTo(Json.of("{'a':1}"));
    }

    @Test
    void movesAndCopiesValues() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'copy','from':'/metadata/labels','path':'/spec/template/metadata'},"
                + "{'op':'move','from':'/metadata/labels/app','path':'/metadata/labels/name'}]"));

        assertThat(patched.at("/metadata/labels")).isEqualTo(Json.of("{'name':'web'}"));
        assertThat(patched.at("/spec/template/metadata")).isEqualTo(Json.of("{'app':'web'}"));
    }

    @Test
    void aPassingTestLetsTheRestApplyAndComparesNumbersByValue() {
        JsonNode patched = JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'test','path':'/spec/replicas','value':2.0},"
                + "{'op':'test','path':'/spec/template/spec/containers/0','value':{'image':'nginx:1.27','name':'web'}},"
                + "{'op':'replace','path':'/spec/replicas','value':3}]"));

        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aFailingTestIsA422AndNothingApplies() {
        JsonNode before = DEPLOYMENT.deepCopy();

        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, Json.of("["
                + "{'op':'replace','path':'/spec/replicas','value':9},"
                + "{'op':'test','path':'/spec/replicas','value':5}]")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("testing value /spec/replicas failed: test failed");
                });
        assertThat(DEPLOYMENT).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "remove of a missing field | {'op':'remove','path':'/metadata/annotations'} | remove operation does not apply",
            "replace of a missing field | {'op':'replace','path':'/spec/paused','value':true} | replace operation does not apply",
            "add under a missing parent | {'op':'add','path':'/metadata/annotations/a','value':'b'} | add operation does not apply",
            "test of a missing field | {'op':'test','path':'/spec/paused','value':true} | test operation does not apply",
            "move from a missing field | {'op':'move','from':'/nope','path':'/spec/x'} | move operation does not apply",
            "copy from a missing field | {'op':'copy','from':'/nope','path':'/spec/x'} | copy operation does not apply",
            "index past the end | {'op':'add','path':'/spec/template/spec/containers/5','value':{}} | invalid index",
            "index that is no number | {'op':'remove','path':'/spec/template/spec/containers/first'} | invalid index",
            "index with a leading zero | {'op':'remove','path':'/spec/template/spec/containers/00'} | invalid index",
            "move into its own child | {'op':'move','from':'/spec','path':'/spec/template/old'} | own child",
            "unknown op | {'op':'merge','path':'/spec'} | Unexpected kind: merge",
            "missing path | {'op':'remove'} | missing path field",
            "missing value | {'op':'add','path':'/spec/x'} | missing value field",
            "pointer without slash | {'op':'remove','path':'spec'} | is not a JSON pointer",
    })
    void anOperationThatDoesNotApplyIsA422(String description, String operation, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, Json.of("[" + operation + "]")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "an object | {'op':'add','path':'/a','value':1}",
            "a string | 'add'",
            "null | null",
            "an array of strings | ['add']",
    })
    void aPatchThatIsNotAnArrayOfOperationsIsA400(String description, String patch) {
        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, Json.of(patch)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                });
    }

    @Test
    void moreThanTenThousandOperationsIsA413() {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
            patch.addObject().put("op", "test").put("path", "/spec/replicas").put("value", 2);
        }

        assertThatThrownBy(() -> JsonPatch.apply(DEPLOYMENT, patch))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(413));
    }
}

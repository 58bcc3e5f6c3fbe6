package io.korch.gateway.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 JSON Merge Patch: the examples of the RFC's appendix A, and how kubectl uses it. */
class MergePatchTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'a':'b'}              | {'a':'c'}            | {'a':'c'}",
            "{'a':'b'}              | {'b':'c'}            | {'a':'b','b':'c'}",
            "{'a':'b'}              | {'a':null}           | {}",
            "{'a':'b','b':'c'}      | {'a':null}           | {'b':'c'}",
            "{'a':['b']}            | {'a':'c'}            | {'a':'c'}",
            "{'a':'c'}              | {'a':['b']}          | {'a':['b']}",
            "{'a':{'b':'c'}}        | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}      | {'a':[1]}            | {'a':[1]}",
            "['a','b']              | ['c','d']            | ['c','d']",
            "{'a':'b'}              | ['c']                | ['c']",
            "{'a':'foo'}            | null                 | null",
            "{'a':'foo'}            | 'bar'                | 'bar'",
            "{'e':null}             | {'a':1}              | {'e':null,'a':1}",
            "[1,2]                  | {'a':'b','c':null}   | {'a':'b'}",
            "{}                     | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
    })
    void appliesTheExamplesOfTheRfc(String target, String patch, String result) {
        assertThat(MergePatch.apply(Json.of(target), Json.of(patch))).isEqualTo(Json.of(result));
    }

    @Test
    void labelsANodeAsKubectlLabelDoesWithoutTouchingTheTarget() {
        JsonNode node = Json.of("{'metadata':{'name':'n1','labels':{'zone':'a','disk':'hdd'}},'spec':{}}");
        JsonNode before = node.deepCopy();

        JsonNode labelled = MergePatch.apply(node, Json.of("{'metadata':{'labels':{'disk':'ssd','zone':null}}}"));

        assertThat(labelled).isEqualTo(Json.of("{'metadata':{'name':'n1','labels':{'disk':'ssd'}},'spec':{}}"));
        assertThat(node).isEqualTo(before);
    }

    @Test
    void replacesListsWhole() {
        JsonNode deployment = Json.of("{'spec':{'containers':[{'name':'web','image':'a'},{'name':'log'}]}}");

        JsonNode patched = MergePatch.apply(deployment, Json.of("{'spec':{'containers':[{'name':'web','image':'b'}]}}"));

        assertThat(patched).isEqualTo(Json.of("{'spec':{'containers':[{'name':'web','image':'b'}]}}"));
    }
}

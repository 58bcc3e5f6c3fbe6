package io.korch.cli.output.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Templates run on a pod list, with the output kubectl 1.32 prints for the same list and template. */
class JsonPathTest {

    private static final JsonNode LIST = json("""
            {"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
              {"apiVersion":"v1","kind":"Pod",
               "metadata":{"name":"web","namespace":"default","labels":{"tier":"front","app":"web"}},
               "spec":{"nodeName":"node-1","containers":[
                 {"name":"a","image":"nginx","ports":[{"containerPort":80}]},{"name":"b","image":"busybox"}]},
               "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},
                                                         {"type":"Initialized","status":"False"}]}},
              {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db","namespace":"default"},
               "spec":{"containers":[{"name":"m","image":"postgres"}]},"status":{"phase":"Pending"}}]}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{.items[*].metadata.name}                                 | web db",
            "{.items[0].spec.containers[*].name}                       | a b",
            "{.items[0].status.conditions[?(@.type==\"Ready\")].status} | True",
            "{.items[?(@.status.phase!='Running')].metadata.name}      | db",
            "{.items[0].metadata.labels}                               | {\"app\":\"web\",\"tier\":\"front\"}",
            "{.items[0].spec.containers[0].ports}                      | [{\"containerPort\":80}]",
            "{.items[0].spec.containers[0].ports[0].containerPort}     | 80",
            "{..image}                                                 | nginx busybox postgres",
            "{.items[-1:].metadata.name}                               | db",
            "{.items[-1].metadata.name}                                | db",
            "{.items[0,1].metadata.name}                               | web db",
            "{.items[0].metadata['name','namespace']}                  | web default",
            "{.items[*].metadata.labels.app}                           | web",
            "{.nope}x{.kind}                                           | xList",
            "{.metadata}                                               | {\"resourceVersion\":\"\"}",
            "{.items[0].spec.containers[?(@.ports)].name}              | a",
            "{.items[?(@.metadata.name=~\"^w\")].metadata.name}        | web",
            "name: {.items[0].metadata.name}                           | name: web",
            ".items[*].metadata.name                                   | .items[*].metadata.name",
    })
    void printsWhatKubectlPrints(String template, String expected) {
        assertThat(JsonPath.parse(template.strip()).execute(LIST)).isEqualTo(expected.strip());
    }

    @Test
    void repeatsTheBodyOfARangeForEachValue() {
        // given
        JsonPath template = JsonPath.parse("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}");

        // when
        String output = template.execute(LIST);

        // then
        assertThat(output).isEqualTo("web\tRunning\ndb\tPending\n");
    }

    @Test
    void nestsRanges() {
        // given
        JsonPath template = JsonPath.parse(
                "{range .items[*]}{.metadata.name}:{range .spec.containers[*]} {.image}{end};{end}");

        // then
        assertThat(template.execute(LIST)).isEqualTo("web: nginx busybox;db: postgres;");
    }

    @Test
    void refusesToIndexOutOfBounds() {
        assertThatThrownBy(() -> JsonPath.parse("{.items[5]}").execute(LIST))
                .isInstanceOf(JsonPathException.class)
                .hasMessage("array index out of bounds: index 5, length 2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{.items[*].metadata.name   | unclosed action",
            "{.items[0].metadata[\"labels\"]} | invalid array index \"labels\"",
            "{.items[0}                   | unterminated array",
            "{.items[?(@.a==1}            | unterminated filter",
            "{end}                        | not in range, nothing to end",
    })
    void reportsTheParsersMessage(String template, String message) {
        assertThatThrownBy(() -> JsonPath.parse(template.strip())).isInstanceOf(JsonPathException.class)
                .hasMessage(message);
    }

    @Test
    void comparesNumbersWithNumbers() {
        // given
        JsonNode ports = json("{\"ports\":[{\"p\":80},{\"p\":443},{\"p\":8080}]}");

        // then
        assertThat(JsonPath.parse("{.ports[?(@.p>100)].p}").execute(ports)).isEqualTo("443 8080");
        assertThat(JsonPath.parse("{.ports[?(@.p<=80)].p}").execute(ports)).isEqualTo("80");
        assertThatThrownBy(() -> JsonPath.parse("{.ports[?(@.p==\"80\")].p}").execute(ports))
                .hasMessage("incompatible types for comparison");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

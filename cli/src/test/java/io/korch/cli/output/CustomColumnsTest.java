package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Custom columns and the {@code -o} values, with kubectl 1.32's output and messages for the same input. */
class CustomColumnsTest {

    private static final List<JsonNode> PODS = List.of(
            json("""
                    {"metadata":{"name":"web","labels":{"tier":"front","app":"web"}},
                     "spec":{"nodeName":"node-1","containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                                                               {"name":"b","image":"busybox"}]},
                     "status":{"conditions":[{"type":"Ready","status":"True"}]}}"""),
            json("{\"metadata\":{\"name\":\"db\"},\"spec\":{\"containers\":[{\"name\":\"m\",\"image\":\"postgres\"}]}}"));

    @Test
    void printsOneAlignedRowPerObjectWithValuesAsKubectlFormatsThem() {
        // given
        CustomColumns columns = CustomColumns.parse("name:.metadata.name,IMAGE:.spec.containers[*].image,X:.spec.nope,"
                + "L:.metadata.labels,P:.spec.containers[0].ports,C:{.status.conditions[?(@.type==\"Ready\")].status},"
                + "N:spec.nodeName");

        // when
        String output = columns.render(PODS, true);

        // then
        assertThat(output).isEqualTo("""
                name   IMAGE           X        L                         P                         C        N
                web    nginx,busybox   <none>   map[app:web tier:front]   [map[containerPort:80]]   True     node-1
                db     postgres        <none>   <none>                    <none>                    <none>   <none>
                """);
    }

    @Test
    void leavesTheHeaderOutWhenAsked() {
        assertThat(CustomColumns.parse("N:.metadata.name").render(PODS, false)).isEqualTo("web\ndb\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "custom-columns=NAME   | unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>",
            "custom-columns=       | custom-columns format specified but no custom columns given",
            "jsonpath={.items[*]   | error parsing jsonpath {.items[*], unclosed action",
            "jsonpath=             | template format specified but no template given",
            "bogus                 | unable to match a printer suitable for the output format \"bogus\", allowed"
                    + " formats are: custom-columns,json,jsonpath,name,wide,yaml",
    })
    void refusesABadOutputWithKubectlsMessage(String value, String message) {
        assertThatThrownBy(() -> OutputOption.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void readsEachOutputFormat() {
        assertThat(OutputOption.parse(null).table()).isTrue();
        assertThat(OutputOption.parse("wide").wide()).isTrue();
        assertThat(OutputOption.parse("yaml").format()).isEqualTo(OutputFormat.yaml);
        assertThat(OutputOption.parse("jsonpath={.kind}").document()).isTrue();
        assertThat(OutputOption.parse("custom-columns=N:.metadata.name").format()).isEqualTo(OutputFormat.customColumns);
    }

    @Test
    void labelsColumnSortsLabelsByKey() {
        assertThat(LabelsColumn.labels(PODS.get(0))).isEqualTo("app=web,tier=front");
        assertThat(LabelsColumn.labels(PODS.get(1))).isNull();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

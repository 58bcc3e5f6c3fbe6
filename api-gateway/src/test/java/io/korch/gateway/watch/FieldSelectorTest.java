package io.korch.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Pod;
import io.korch.api.PodStatus;
import io.korch.gateway.resource.ApiError;
import io.korch.model.ApiKind;
import io.korch.testkit.Deployments;
import io.korch.testkit.Pods;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of field selectors on objects: pod default/web-1, Running on node-1, and an unscheduled pod. */
class FieldSelectorTest {

    private static final Pod RUNNING = Pods.pod("web-1").nodeName("node-1")
            .status(PodStatus.newBuilder().setPhase("Running").build()).build();
    private static final Pod UNSCHEDULED = Pods.pod("web-2").build();

    private static boolean selects(String selector, Pod pod) {
        return FieldSelector.forKind(ApiKind.POD, selector).test(pod);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name=web-1                                                | true",
        "metadata.name==web-1                                               | true",
        "metadata.name!=web-1                                               | false",
        "metadata.namespace=default                                         | true",
        "metadata.namespace=shop                                            | false",
        "spec.nodeName=node-1                                               | true",
        "spec.nodeName=node-2                                               | false",
        "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed  | true",
        "spec.nodeName=node-1,status.phase!=Running                         | false",
        "status.phase=Running,                                              | true",
        "'metadata.name=web-1,,spec.nodeName=node-1'                        | true",
    })
    void selectsPodsByTheFieldsKubernetesSelectsThemBy(String selector, boolean selected) {
        assertThat(selects(selector, RUNNING)).isEqualTo(selected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec.nodeName=", "spec.nodeName==", "status.phase="})
    void aFieldThatIsNotSetReadsAsEmpty(String selector) {
        assertThat(selects(selector, UNSCHEDULED)).isTrue();
        assertThat(selects(selector, RUNNING)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void selectsEverythingWithoutASelector(String selector) {
        assertThat(selects(selector, RUNNING)).isTrue();
        assertThat(FieldSelector.forKind(ApiKind.POD, selector).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spec.color=red                       | POD        | spec.color",
        "metadata.name=web,status.podIPs=x    | POD        | status.podIPs",
        "spec.nodeName=node-1                 | DEPLOYMENT | spec.nodeName",
        "metadata.labels=x                    | NAMESPACE  | metadata.labels",
    })
    void refusesAFieldTheKindIsNotSelectedByNamingIt(String selector, ApiKind kind, String field) {
        assertThatThrownBy(() -> FieldSelector.forKind(kind, selector))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("field label not supported: " + field + " (supported: metadata.name,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-1", "=web-1", "metadata.name"})
    void refusesATermWithoutAFieldOrOperator(String selector) {
        assertThatThrownBy(() -> FieldSelector.forKind(ApiKind.POD, selector))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("invalid selector: '" + selector + "'; can't understand '" + selector + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name=a=b | invalid field selector: unescaped character in value: =",
        "metadata.name=a\\x | invalid field selector: invalid escape sequence: \\x",
    })
    void refusesAValueWithAnUnescapedOperatorOrAnUnknownEscape(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.forKind(ApiKind.POD, selector))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name=a\\,b | a,b",
        "metadata.name=a\\=b | a=b",
        "metadata.name=a\\\\b | a\\b",
    })
    void readsEscapedCommasEqualsAndBackslashesInAValue(String selector, String name) {
        assertThat(selects(selector, Pods.pod(name).build())).isTrue();
        assertThat(selects(selector, RUNNING)).isFalse();
    }

    @Test
    void selectsAnyKindByNameAndNamespace() {
        FieldSelector<SpecificRecord> byName =
                FieldSelector.forKind(ApiKind.DEPLOYMENT, "metadata.name=web,metadata.namespace!=shop");

        assertThat(byName.test(Deployments.deployment("web").build())).isTrue();
        assertThat(byName.test(Deployments.deployment("api").build())).isFalse();
    }
}

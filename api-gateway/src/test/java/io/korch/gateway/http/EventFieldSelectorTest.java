package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Event;
import io.korch.gateway.resource.ApiError;
import io.korch.model.EventReasons;
import io.korch.testkit.ClusterEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of the fieldSelector of event lists, on a Warning BackOff of pod default/web-1 (uid web-1-uid). */
class EventFieldSelectorTest {

    private static final Event BACK_OFF = ClusterEvents.about("Pod", "web-1").warning(EventReasons.BACK_OFF).build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "involvedObject.kind=Pod                                   | true",
        "involvedObject.kind=Node                                  | false",
        "involvedObject.name==web-1                                | true",
        "involvedObject.name!=web-1                                | false",
        "involvedObject.namespace=default                          | true",
        "involvedObject.namespace=                                 | false",
        "involvedObject.uid=web-1-uid                              | true",
        "reason=BackOff                                            | true",
        "reason!=Started                                           | true",
        "type=Normal                                               | false",
        "involvedObject.kind=Pod,involvedObject.name=web-1,type=Warning | true",
        "involvedObject.kind=Pod, involvedObject.name = web-2       | false",
        "reason=BackOff,                                           | true",
    })
    void selectsByTheFieldsKubernetesSelectsEventsBy(String selector, boolean selected) {
        assertThat(EventFieldSelector.parse(selector).test(BACK_OFF)).isEqualTo(selected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void selectsEverythingWithoutASelector(String selector) {
        assertThat(EventFieldSelector.parse(selector).test(BACK_OFF)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "source=agent                      | source",
        "involvedObject.name=web-1,count=3 | count",
    })
    void refusesAFieldEventsAreNotSelectedByNamingIt(String selector, String field) {
        assertThatThrownBy(() -> EventFieldSelector.parse(selector))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("field label not supported: " + field + " (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-1", "=web-1", "reason=BackOff,type"})
    void refusesATermWithoutAField(String selector) {
        assertThatThrownBy(() -> EventFieldSelector.parse(selector))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("invalid selector: '");
    }
}

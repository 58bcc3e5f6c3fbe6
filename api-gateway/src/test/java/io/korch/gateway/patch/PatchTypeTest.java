package io.korch.gateway.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Telling patch types apart by Content-Type, reading patch documents, and applying each type. */
class PatchTypeTest {

    private static final ObjectNode POD = Json.object("{'metadata':{'name':'p','labels':{'a':'1'}},"
            + "'spec':{'containers':[{'name':'c','image':'x'},{'name':'d','image':'y'}]}}");

    @Test
    void knowsTheFourPatchTypesByMediaTypeIgnoringParameters() {
        assertThat(PatchType.of("application/json-patch+json")).isEqualTo(PatchType.JSON_PATCH);
        assertThat(PatchType.of("application/merge-patch+json; charset=utf-8")).isEqualTo(PatchType.MERGE_PATCH);
        assertThat(PatchType.of("Application/Strategic-Merge-Patch+JSON")).isEqualTo(PatchType.STRATEGIC_MERGE_PATCH);
        assertThat(PatchType.of("application/apply-patch+yaml")).isEqualTo(PatchType.APPLY_PATCH);
        assertThat(PatchType.APPLY_PATCH.isApply()).isTrue();
        assertThat(PatchType.MERGE_PATCH.isApply()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/yaml", "text/plain", ""})
    void anyOtherContentTypeIsA415ListingTheAcceptedOnes(String contentType) {
        assertThatThrownBy(() -> PatchType.of(contentType))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
                    assertThat(e.getMessage()).isEqualTo("the body of the request was in an unknown format - "
                            + "accepted media types include: application/json-patch+json, "
                            + "application/merge-patch+json, application/strategic-merge-patch+json, "
                            + "application/apply-patch+yaml");
                });
    }

    @Test
    void noContentTypeIsA415() {
        assertThatThrownBy(() -> PatchType.of(null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "not json", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}", "", "   "})
    void aBodyThatIsNotOneJsonValueIsA400(String body) {
        assertThatThrownBy(() -> PatchType.MERGE_PATCH.parse(body))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("invalid JSON patch");
                });
    }

    @Test
    void appliesEachTypeToTheSameObject() {
        ObjectNode json = (ObjectNode) PatchType.JSON_PATCH.apply(POD,
                PatchType.JSON_PATCH.parse("[{\"op\":\"replace\",\"path\":\"/spec/containers/1/image\",\"value\":\"z\"}]"));
        ObjectNode merge = (ObjectNode) PatchType.MERGE_PATCH.apply(POD,
                PatchType.MERGE_PATCH.parse("{\"spec\":{\"containers\":[{\"name\":\"d\",\"image\":\"z\"}]}}"));
        ObjectNode strategic = (ObjectNode) PatchType.STRATEGIC_MERGE_PATCH.apply(POD,
                PatchType.STRATEGIC_MERGE_PATCH.parse("{\"spec\":{\"containers\":[{\"name\":\"d\",\"image\":\"z\"}]}}"));

        assertThat(json.at("/spec/containers")).isEqualTo(Json.of("[{'name':'c','image':'x'},{'name':'d','image':'z'}]"));
        assertThat(merge.at("/spec/containers")).isEqualTo(Json.of("[{'name':'d','image':'z'}]"));
        assertThat(strategic.at("/spec/containers")).isEqualTo(json.at("/spec/containers"));
    }

    @Test
    void aMergePatchThatIsNullOrAScalarIsA400AndAnArrayReplacesTheObject() {
        assertThatThrownBy(() -> PatchType.MERGE_PATCH.apply(POD, Json.of("null")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> PatchType.MERGE_PATCH.apply(POD, Json.of("3")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThat(PatchType.MERGE_PATCH.apply(POD, Json.of("[1]"))).isEqualTo(Json.of("[1]"));
    }

    @Test
    void aStrategicMergePatchThatIsNoObjectAndAJsonPatchThatIsNoArrayAre400s() {
        assertThatThrownBy(() -> PatchType.STRATEGIC_MERGE_PATCH.apply(POD, Json.of("[{'name':'x'}]")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> PatchType.JSON_PATCH.apply(POD, Json.of("{'op':'add'}")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}

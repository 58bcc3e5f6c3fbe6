package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.resource.Deletion;
import io.korch.gateway.resource.PropagationPolicy;
import io.korch.json.ApiJson;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeleteOptionsTest {

    private static MultiMap query(String... pairs) {
        MultiMap query = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private static JsonNode body(String json) {
        try {
            return ApiJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static ApiError refusal(MultiMap query, JsonNode body) {
        try {
            DeleteOptions.read(query, body);
        } catch (ApiError e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void withoutOptionsADeletionIsAPlainBackgroundOne() {
        assertThat(DeleteOptions.read(query(), null)).isEqualTo(Deletion.BACKGROUND);
    }

    @Test
    void readsEveryHonouredFieldOfTheBody() {
        Deletion deletion = DeleteOptions.read(query(), body("""
                {"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground","gracePeriodSeconds":0,
                 "preconditions":{"uid":"web-uid","resourceVersion":"42"},"dryRun":["All"]}"""));

        assertThat(deletion).isEqualTo(new Deletion(PropagationPolicy.FOREGROUND, "web-uid", "42", true, 0L));
    }

    @Test
    void aQueryParameterWinsOverTheSameFieldOfTheBody() {
        Deletion deletion = DeleteOptions.read(query("propagationPolicy", "Orphan", "dryRun", "All",
                "gracePeriodSeconds", "30"), body("{\"propagationPolicy\":\"Foreground\"}"));

        assertThat(deletion).isEqualTo(new Deletion(PropagationPolicy.ORPHAN, null, null, true, 30L));
    }

    @ParameterizedTest
    @CsvSource({"true, ORPHAN", "false, BACKGROUND"})
    void theDeprecatedOrphanDependentsMapsToAPolicy(String orphanDependents, PropagationPolicy policy) {
        assertThat(DeleteOptions.read(query("orphanDependents", orphanDependents), null).policy()).isEqualTo(policy);
        assertThat(DeleteOptions.read(query(), body("{\"orphanDependents\":" + orphanDependents + "}")).policy())
                .isEqualTo(policy);
    }

    @Test
    void orphanDependentsWithAPolicyIsRefusedAsTheApiserverRefusesIt() {
        ApiError refused = refusal(query("orphanDependents", "true"), body("{\"propagationPolicy\":\"Orphan\"}"));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.getMessage()).isEqualTo("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: "
                + "Invalid value: \"Orphan\": orphanDependents and deletionPropagation cannot be both set");
    }

    @Test
    void anUnknownPolicyIsRefusedListingTheSupportedOnes() {
        ApiError refused = refusal(query("propagationPolicy", "Sideways"), null);

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.details().kind()).isEqualTo("DeleteOptions");
        assertThat(refused.details().causes().get(0).field()).isEqualTo("propagationPolicy");
        assertThat(refused.getMessage()).endsWith("propagationPolicy: Unsupported value: \"Sideways\": "
                + "supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
    }

    @Test
    void aDryRunOtherThanAllIsRefused() {
        ApiError inQuery = refusal(query("dryRun", "Yes"), null);
        ApiError inBody = refusal(query(), body("{\"dryRun\":[\"All\",\"Server\"]}"));

        assertThat(inQuery.code()).isEqualTo(422);
        assertThat(inQuery.getMessage()).isEqualTo("DeleteOptions.meta.k8s.io \"\" is invalid: "
                + "dryRun: Unsupported value: [\"Yes\"]: supported values: \"All\"");
        assertThat(inBody.getMessage()).contains("dryRun: Unsupported value: [\"All\",\"Server\"]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"ignoreStoreReadErrorWithClusterBreakingPotential\":true} | ignoreStoreReadErrorWithClusterBreakingPotential",
        "{\"preconditions\":{\"generation\":3}}                      | preconditions.generation",
        "{\"kind\":\"Status\"}                                       | kind",
    })
    void aFieldKorchDoesNotHonourIsRefusedByName(String json, String field) {
        ApiError refused = refusal(query(), body(json));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.details().causes()).extracting(cause -> cause.field()).containsExactly(field);
    }

    @Test
    void aGracePeriodThatIsNotANumberIsABadRequest() {
        assertThatThrownBy(() -> DeleteOptions.read(query("gracePeriodSeconds", "soon"), null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}

package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.gateway.resource.ApiError;
import io.korch.model.ApiKind;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The revision a list is read at, and the apiserver's rules for the options that choose it. */
class ListOptionsTest {

    private static final String TOKEN = new ContinueToken(1_000L, "default/web-2").encode();

    private static ListOptions read(String... pairs) {
        MultiMap query = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return ListOptions.read(query, ApiKind.POD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // resourceVersion | match        | limit | atLeast | exactly
        "-                 | -            | -     | 0       | 0",
        "0                 | -            | 5     | 0       | 0",
        "0                 | NotOlderThan | -     | 0       | 0",
        "700               | -            | -     | 700     | 0",
        "700               | NotOlderThan | 5     | 700     | 0",
        "700               | Exact        | -     | 700     | 700",
        "700               | -            | 5     | 700     | 700",
    })
    void readsTheRevisionAsKubernetesTabulatesIt(String resourceVersion, String match, String limit, long atLeast,
                                                  long exactly) {
        List<String> pairs = new ArrayList<>();
        if (resourceVersion != null) {
            pairs.addAll(List.of("resourceVersion", resourceVersion));
        }
        if (match != null) {
            pairs.addAll(List.of("resourceVersionMatch", match));
        }
        if (limit != null) {
            pairs.addAll(List.of("limit", limit));
        }

        ListOptions options = read(pairs.toArray(String[]::new));

        assertThat(options.atLeast()).isEqualTo(atLeast);
        assertThat(options.exactly()).isEqualTo(exactly);
    }

    @Test
    void aContinueTokenReadsTheRestAtItsRevisionAfterItsKey() {
        ListOptions options = read("continue", TOKEN, "limit", "2");

        assertThat(options.exactly()).isEqualTo(1_000L);
        assertThat(options.limit()).isEqualTo(2);
        assertThat(options.startsAfter("default/web-2")).isFalse();
        assertThat(options.startsAfter("default/web-3")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-   | Exact    | -     | resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
        "-   | Exact    | token | [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided]",
        "5   | Sometime | -     | resourceVersionMatch: Unsupported value: \"Sometime\": supported values: \"Exact\", \"NotOlderThan\", \"\"",
        "0   | Exact    | -     | resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"",
    })
    void refusesTheMatchesTheApiserverForbids(String resourceVersion, String match, String token, String message) {
        List<String> pairs = new ArrayList<>(List.of("resourceVersionMatch", match));
        if (resourceVersion != null) {
            pairs.addAll(List.of("resourceVersion", resourceVersion));
        }
        if (token != null) {
            pairs.addAll(List.of("continue", TOKEN));
        }

        assertThatThrownBy(() -> read(pairs.toArray(String[]::new)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.details().kind()).isEqualTo("ListOptions");
                })
                .hasMessage("ListOptions.meta.k8s.io \"\" is invalid: " + message);
    }

    @Test
    void aResourceVersionWithAContinueTokenIsABadRequest() {
        assertThatThrownBy(() -> read("continue", TOKEN, "resourceVersion", "900"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("specifying resource version is not allowed when using continue");
        assertThat(read("continue", TOKEN, "resourceVersion", "0").exactly()).isEqualTo(1_000L);
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequest() {
        assertThatThrownBy(() -> read("limit", "ten"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThat(read("limit", "-3").limit()).isZero();
    }
}

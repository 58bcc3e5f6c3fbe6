package io.korch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.gateway.resource.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinueTokenTest {

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenIsTheUrlSafeBase64OfItsRevisionAndLastKey() {
        ContinueToken token = new ContinueToken(1_745_000_000_000_001L, "default/web-2");

        String encoded = token.encode();

        assertThat(encoded).doesNotContain("=", "+", "/");
        assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo("{\"v\":\"korch.io/v1\",\"rv\":1745000000000001,\"after\":\"default/web-2\"}");
        assertThat(ContinueToken.decode(encoded)).isEqualTo(token);
    }

    @Test
    void aTokenOfTheLatestStateKeepsItsRevision() {
        ContinueToken latest = ContinueToken.decode(new ContinueToken(ContinueToken.LATEST, "web-2").encode());

        assertThat(latest.latest()).isTrue();
        assertThat(latest.after()).isEqualTo("web-2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not base64 at all!                                  | continue key is not valid: ",
        "bm90IGpzb24                                         | continue key is not valid: ",
        "{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"a\"} | server does not recognize this encoded version",
        "{\"v\":\"korch.io/v1\",\"rv\":0,\"after\":\"a\"}    | incorrect encoded start resourceVersion",
        "{\"v\":\"korch.io/v1\",\"rv\":\"5\",\"after\":\"a\"}| incorrect encoded start resourceVersion",
        "{\"v\":\"korch.io/v1\",\"rv\":5,\"after\":\"\"}     | encoded start key empty",
        "{\"v\":\"korch.io/v1\",\"rv\":5}                    | encoded start key empty",
    })
    void aTokenThisApiDidNotHandOutIsABadRequest(String token, String why) {
        String sent = token.startsWith("{") ? encoded(token) : token;

        assertThatThrownBy(() -> ContinueToken.decode(sent))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("invalid continue token: continue key is not valid: ")
                .hasMessageContaining(why.strip());
    }
}

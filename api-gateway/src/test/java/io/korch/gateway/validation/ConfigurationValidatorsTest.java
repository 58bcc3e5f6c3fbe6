package io.korch.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ConfigMap;
import io.korch.api.ObjectMeta;
import io.korch.api.Secret;
import io.korch.model.SecretData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure tests of the ConfigMap and Secret rules and of how a Secret's data is defaulted. */
class ConfigurationValidatorsTest {

    private final ConfigMapValidator configMaps = new ConfigMapValidator();
    private final SecretValidator secrets = new SecretValidator();

    @ParameterizedTest
    @ValueSource(strings = {"app.properties", "KEY_NAME", "key-name", ".hidden"})
    void acceptsConfigKeys(String key) {
        assertThat(configMaps.validate(configMap(Map.of(key, "v"), Map.of()))).isEmpty();
    }

    @Test
    void refusesKeysThatCannotBeFileNames() {
        assertThat(configMaps.validate(configMap(Map.of("a/b", "v", "..", "v", "..x", "v"), Map.of())))
                .extracting(Cause::describe)
                .contains("data[a/b]: Invalid value: \"a/b\": " + DataRules.KEY_MESSAGE,
                        "data[..]: Invalid value: \"..\": must not be '..'",
                        "data[..x]: Invalid value: \"..x\": must not start with '..'");
        assertThat(configMaps.validate(configMap(Map.of("k".repeat(254), "v"), Map.of())))
                .extracting(Cause::message).contains("Invalid value: \"" + "k".repeat(254) + "\": must be no more than 253 characters");
    }

    @Test
    void refusesMoreThanOneMebibyteOfConfigMapData() {
        String half = "x".repeat(512 * 1024);

        assertThat(configMaps.validate(configMap(Map.of("a", half, "b", half), Map.of()))).isEmpty();
        assertThat(configMaps.validate(configMap(Map.of("a", half, "b", half + "x"), Map.of())))
                .extracting(Cause::describe).containsExactly("[]: Too long: must have at most 1048576 bytes");
    }

    @Test
    void refusesBinaryDataThatIsNotBase64() {
        assertThat(configMaps.validate(configMap(Map.of(), Map.of("bin", "ab$d"))))
                .extracting(Cause::describe)
                .containsExactly("binaryData[bin]: Invalid value: \"ab$d\": illegal base64 data at input byte 2");
    }

    @Test
    void anImmutableConfigMapKeepsItsDataAndStaysImmutable() {
        ConfigMap frozen = ConfigMap.newBuilder(configMap(Map.of("k", "v"), Map.of())).setImmutable(true).build();
        ConfigMap changed = ConfigMap.newBuilder(frozen).setData(Map.of("k", "w")).setImmutable(false).build();

        assertThat(configMaps.validateUpdate(changed, frozen)).extracting(Cause::describe).containsExactly(
                "immutable: Forbidden: field is immutable when `immutable` is set",
                "data: Forbidden: field is immutable when `immutable` is set");
        assertThat(configMaps.validateUpdate(frozen, frozen)).isEmpty();
    }

    @Test
    void stringDataIsMergedIntoDataWinningOverTheSameKeyAndTheTypeIsOpaque() {
        Secret secret = Secret.newBuilder().setMetadata(meta("db"))
                .setData(Map.of("user", "YWRtaW4=", "password", "b2xk"))
                .setStringData(Map.of("password", "s3cret"))
                .build();

        Secret defaulted = SecretData.defaulted(secret);

        assertThat(defaulted.getData()).containsOnly(Map.entry("user", "YWRtaW4="), Map.entry("password", "czNjcmV0"));
        assertThat(defaulted.getStringData()).isEmpty();
        assertThat(defaulted.getType()).isEqualTo("Opaque");
        assertThat(secrets.validate(defaulted)).isEmpty();
    }

    @Test
    void secretValuesThatAreNotBase64AreRefusedWithoutBeingShown() {
        Secret secret = Secret.newBuilder().setMetadata(meta("raw")).setData(Map.of("token", "not base64")).build();

        assertThat(secrets.validate(secret)).singleElement().satisfies(cause -> {
            assertThat(cause.field()).isEqualTo("data[token]");
            assertThat(cause.message()).doesNotContain("not base64").contains("illegal base64 data at input byte 3");
        });
    }

    @Test
    void aTlsSecretNeedsItsCertificateAndKey() {
        Secret tls = Secret.newBuilder().setMetadata(meta("tls")).setType("kubernetes.io/tls")
                .setData(Map.of("tls.crt", "Y2VydA==")).build();

        assertThat(secrets.validate(tls)).extracting(Cause::describe).containsExactly("data[tls.key]: Required value");
    }

    @Test
    void aSecretKeepsItsTypeAndAnImmutableOneItsData() {
        Secret frozen = Secret.newBuilder().setMetadata(meta("s")).setType("Opaque").setImmutable(true)
                .setData(Map.of("k", "dg==")).build();
        Secret changed = Secret.newBuilder(frozen).setType("kubernetes.io/basic-auth").setData(Map.of("k", "dw=="))
                .build();

        assertThat(secrets.validateUpdate(changed, frozen)).extracting(Cause::describe).containsExactly(
                "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
                "data: Forbidden: field is immutable when `immutable` is set");
    }

    private static ConfigMap configMap(Map<String, String> data, Map<String, String> binaryData) {
        return ConfigMap.newBuilder().setMetadata(meta("config")).setData(data).setBinaryData(binaryData).build();
    }

    private static ObjectMeta meta(String name) {
        return ObjectMeta.newBuilder().setName(name).setNamespace("default").build();
    }
}

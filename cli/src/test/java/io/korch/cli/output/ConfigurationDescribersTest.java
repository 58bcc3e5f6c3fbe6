package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ConfigMap;
import io.korch.api.ObjectMeta;
import io.korch.api.ObjectReference;
import io.korch.api.Secret;
import io.korch.api.ServiceAccount;
import io.korch.cli.output.describe.ConfigMapDescriber;
import io.korch.cli.output.describe.SecretDescriber;
import io.korch.cli.output.describe.ServiceAccountDescriber;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The describe reports of ConfigMaps, Secrets and ServiceAccounts, laid out as kubectl's. */
class ConfigurationDescribersTest {

    private static final ObjectMeta META = ObjectMeta.newBuilder().setName("app").setNamespace("default").build();

    @Test
    void aSecretShowsTheSizeOfEachValueAndNeverTheValue() {
        Secret secret = Secret.newBuilder().setMetadata(META).setType("Opaque")
                .setData(Map.of("password", "czNjcmV0", "user", "YWRtaW4=")).build();

        String report = SecretDescriber.describe(secret);

        assertThat(report).contains("Name:         app\n", "Type:  Opaque\n", "Data\n====\n",
                "password:  6 bytes\n", "user:      5 bytes\n");
        assertThat(report).doesNotContain("s3cret", "czNjcmV0", "admin");
    }

    @Test
    void aConfigMapShowsEachKeyWithItsValue() {
        ConfigMap configMap = ConfigMap.newBuilder().setMetadata(META).setData(Map.of("mode", "fast"))
                .setBinaryData(Map.of("logo", "AAEC")).build();

        assertThat(ConfigMapDescriber.describe(configMap))
                .contains("Data\n====\nmode:\n----\nfast\n", "BinaryData\n====\nlogo:  3 bytes\n");
    }

    @Test
    void aServiceAccountListsItsMountableSecrets() {
        ServiceAccount account = ServiceAccount.newBuilder().setMetadata(META)
                .setSecrets(List.of(ObjectReference.newBuilder().setKind("Secret").setName("token").build())).build();

        assertThat(ServiceAccountDescriber.describe(account))
                .contains("Image pull secrets:  <none>\n", "Mountable secrets:   token\n", "Tokens:              <none>\n");
    }
}

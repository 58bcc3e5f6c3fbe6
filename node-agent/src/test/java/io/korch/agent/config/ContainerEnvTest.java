package io.korch.agent.config;

import static io.korch.agent.config.PodConfigs.allOfConfigMap;
import static io.korch.agent.config.PodConfigs.allOfSecret;
import static io.korch.agent.config.PodConfigs.configMap;
import static io.korch.agent.config.PodConfigs.first;
import static io.korch.agent.config.PodConfigs.fromConfigMap;
import static io.korch.agent.config.PodConfigs.fromField;
import static io.korch.agent.config.PodConfigs.fromResource;
import static io.korch.agent.config.PodConfigs.fromSecret;
import static io.korch.agent.config.PodConfigs.secret;
import static io.korch.agent.config.PodConfigs.value;
import static io.korch.agent.config.PodConfigs.withEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.runtime.ContainerConfigException;
import io.korch.api.Pod;
import io.korch.testkit.Pods;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container's environment, resolved as the kubelet resolves it. */
class ContainerEnvTest {

    private static final NodeFacts NODE = new NodeFacts("node-1", "127.0.0.1", 4000, 8L << 30);

    private final ConfigSource source = ConfigSource.of(
            List.of(configMap("shop", "app", Map.of("mode", "fast", "level", "3"))),
            List.of(secret("shop", "db", Map.of("password", "s3cr3t"))));

    @Test
    void expandsReferencesToEarlierVariablesOnly() {
        // given
        Pod pod = withEnv(pod(), value("A", "x"), value("B", "$(A)-$(C)"), value("C", "y"), value("D", "$$(A)"));

        // when
        Map<String, String> env = resolve(pod);

        // then
        assertThat(env).containsExactly(Map.entry("A", "x"), Map.entry("B", "x-$(C)"), Map.entry("C", "y"),
                Map.entry("D", "$(A)"));
    }

    @Test
    void readsConfigMapKeysAndDecodedSecretKeys() {
        // given
        Pod pod = withEnv(pod(), fromConfigMap("MODE", "app", "mode", null), fromSecret("PASSWORD", "db", "password", null),
                value("URL", "db://admin:$(PASSWORD)@db"));

        // when
        Map<String, String> env = resolve(pod);

        // then
        assertThat(env).containsEntry("MODE", "fast").containsEntry("PASSWORD", "s3cr3t")
                .containsEntry("URL", "db://admin:s3cr3t@db");
    }

    @Test
    void aMissingConfigMapIsAConfigErrorWithKubernetesMessage() {
        // given
        Pod pod = withEnv(pod(), fromConfigMap("MODE", "absent", "mode", null));

        // then
        assertThatThrownBy(() -> resolve(pod))
                .isInstanceOfSatisfying(ContainerConfigException.class, e -> {
                    assertThat(e.waitingReason()).isEqualTo("CreateContainerConfigError");
                    assertThat(e.getMessage()).isEqualTo("configmap \"absent\" not found");
                    assertThat(e.eventReason()).isEqualTo("Failed");
                    assertThat(e.eventMessage()).isEqualTo("Error: configmap \"absent\" not found");
                });
    }

    @Test
    void aMissingKeyNamesTheKeyAndTheObjectButNoValue() {
        // given
        Pod configMapKey = withEnv(pod(), fromConfigMap("X", "app", "nope", null));
        Pod secretKey = withEnv(pod(), fromSecret("X", "db", "user", null));
        Pod missingSecret = withEnv(pod(), fromSecret("X", "vault", "user", null));

        // then
        assertThatThrownBy(() -> resolve(configMapKey)).hasMessage("couldn't find key nope in ConfigMap shop/app");
        assertThatThrownBy(() -> resolve(secretKey)).hasMessage("couldn't find key user in Secret shop/db")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> resolve(missingSecret)).hasMessage("secret \"vault\" not found");
    }

    @Test
    void optionalReferencesThatAreMissingLeaveTheVariableUnset() {
        // given
        Pod pod = withEnv(pod(), fromConfigMap("A", "absent", "k", true), fromConfigMap("B", "app", "nope", true),
                fromSecret("C", "vault", "k", true));
        first(pod).setEnvFrom(List.of(allOfConfigMap("absent", null, true)));

        // then
        assertThat(resolve(pod)).isEmpty();
    }

    @Test
    void envFromAddsEveryKeyWithItsPrefixSkipsInvalidNamesAndEnvOverridesIt() {
        // given
        ConfigSource withBadKeys = ConfigSource.of(
                List.of(configMap("shop", "app", Map.of("mode", "fast", "1st", "x", "has space", "y"))),
                List.of(secret("shop", "db", Map.of("password", "s3cr3t"))));
        Pod pod = withEnv(pod(), value("APP_mode", "slow"));
        first(pod).setEnvFrom(List.of(allOfConfigMap("app", "APP_", null), allOfSecret("db", null)));

        // when
        ContainerEnv.Resolved resolved = ContainerEnv.resolve(pod, first(pod), withBadKeys, NODE);

        // then
        assertThat(resolved.env()).containsExactly(Map.entry("APP_1st", "x"), Map.entry("APP_mode", "slow"),
                Map.entry("password", "s3cr3t"));
        assertThat(resolved.warnings()).containsExactly("Keys [APP_has space] from the EnvFrom configMap shop/app"
                + " were skipped since they are considered invalid environment variable names.");
    }

    @Test
    void withoutPrefixAKeyStartingWithADigitIsSkipped() {
        // given
        ConfigSource digits = ConfigSource.of(List.of(configMap("shop", "app", Map.of("1st", "x"))), List.of());
        Pod pod = pod();
        first(pod).setEnvFrom(List.of(allOfConfigMap("app", null, null)));

        // when
        ContainerEnv.Resolved resolved = ContainerEnv.resolve(pod, first(pod), digits, NODE);

        // then
        assertThat(resolved.env()).isEmpty();
        assertThat(resolved.warnings()).singleElement().asString().startsWith("Keys [1st] from the EnvFrom configMap");
    }

    @Test
    void readsThePodsOwnFields() {
        // given
        Pod pod = withEnv(pod(), fromField("NAME", "metadata.name"), fromField("NS", "metadata.namespace"),
                fromField("UID", "metadata.uid"), fromField("APP", "metadata.labels['app']"),
                fromField("NONE", "metadata.annotations['none']"), fromField("NODE", "spec.nodeName"),
                fromField("SA", "spec.serviceAccountName"), fromField("HOST", "status.hostIP"),
                fromField("IP", "status.podIP"));

        // when
        Map<String, String> env = resolve(pod);

        // then
        assertThat(env).containsExactly(Map.entry("NAME", "web"), Map.entry("NS", "shop"), Map.entry("UID", "u-1"),
                Map.entry("APP", "store"), Map.entry("NONE", ""), Map.entry("NODE", "node-1"),
                Map.entry("SA", "default"), Map.entry("HOST", "127.0.0.1"), Map.entry("IP", ""));
    }

    @Test
    void readsThePodsAddressAsItsNetworkGaveIt() {
        // given: a node whose pod network gave the pod of uid u-1 an address
        NodeFacts node = new NodeFacts("node-1", "192.0.2.7", 4000, 8L << 30,
                p -> "u-1".equals(p.getMetadata().getUid()) ? "10.244.1.5" : null);
        Pod pod = withEnv(pod(), fromField("IP", "status.podIP"), fromField("IPS", "status.podIPs"),
                fromField("HOST", "status.hostIP"), fromField("HOSTS", "status.hostIPs"),
                value("URL", "http://$(IP):8080"));

        // when
        Map<String, String> env = ContainerEnv.resolve(pod, first(pod), source, node).env();

        // then
        assertThat(env).containsExactly(Map.entry("IP", "10.244.1.5"), Map.entry("IPS", "10.244.1.5"),
                Map.entry("HOST", "192.0.2.7"), Map.entry("HOSTS", "192.0.2.7"),
                Map.entry("URL", "http://10.244.1.5:8080"));
    }

    @Test
    void aPodWithoutAnAddressYetReadsAnEmptyPodIP() {
        // given
        NodeFacts node = new NodeFacts("node-1", "192.0.2.7", 4000, 8L << 30, p -> null);
        Pod pod = withEnv(pod(), fromField("IP", "status.podIP"), fromField("IPS", "status.podIPs"));

        // when
        Map<String, String> env = ContainerEnv.resolve(pod, first(pod), source, node).env();

        // then
        assertThat(env).containsExactly(Map.entry("IP", ""), Map.entry("IPS", ""));
    }

    @Test
    void anUnsupportedFieldIsAConfigError() {
        Pod pod = withEnv(pod(), fromField("X", "spec.restartPolicy"));

        assertThatThrownBy(() -> resolve(pod)).hasMessage("field label not supported: spec.restartPolicy");
    }

    @Test
    void roundsResourcesUpToWholeDivisorsAndDefaultsLimitsToTheNode() {
        // given
        Pod limited = Pods.pod("web").namespace("shop").uid("u-1").container("main").limits("250m", "100Mi")
                .request("cpu", "100m").build();
        withEnv(limited, fromResource("CPU", "limits.cpu", null), fromResource("CPU_M", "limits.cpu", "1m"),
                fromResource("MEM_MI", "limits.memory", "1Mi"), fromResource("MEM_GI", "limits.memory", "1Gi"),
                fromResource("REQ_CPU", "requests.cpu", "1m"), fromResource("REQ_MEM", "requests.memory", null));
        Pod unlimited = withEnv(pod(), fromResource("CPU", "limits.cpu", null),
                fromResource("MEM", "limits.memory", "1Mi"), fromResource("REQ_CPU", "requests.cpu", null));

        // then
        assertThat(resolve(limited)).containsExactly(Map.entry("CPU", "1"), Map.entry("CPU_M", "250"),
                Map.entry("MEM_MI", "100"), Map.entry("MEM_GI", "1"), Map.entry("REQ_CPU", "100"),
                Map.entry("REQ_MEM", Long.toString(100L << 20)));
        assertThat(resolve(unlimited)).containsExactly(Map.entry("CPU", "4"), Map.entry("MEM", "8192"),
                Map.entry("REQ_CPU", "0"));
    }

    private Map<String, String> resolve(Pod pod) {
        return ContainerEnv.resolve(pod, first(pod), source, NODE).env();
    }

    private static Pod pod() {
        return Pods.pod("web").namespace("shop").uid("u-1").label("app", "store").container("main").build();
    }
}

package io.korch.gateway.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The merge keys of the pod lists, as Kubernetes' strategic merge patch tags declare them. */
class ListMergeKeysTest {

    @ParameterizedTest
    @CsvSource({
        "spec.initContainers, name", "spec.template.spec.initContainers.env, name",
        "spec.volumes, name", "spec.template.spec.volumes, name",
        "spec.containers.volumeMounts, mountPath", "spec.initContainers.volumeMounts, mountPath",
        "spec.initContainers.ports, containerPort", "status.initContainerStatuses, name", "secrets, name",
    })
    void podListsMergeByTheirKey(String path, String key) {
        assertThat(ListMergeKeys.mergeKey(path)).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec.containers.envFrom", "spec.containers.readinessProbe.httpGet.httpHeaders",
        "spec.volumes.configMap.items", "spec.containers.securityContext.capabilities.add", "imagePullSecrets"})
    void otherListsAreAtomic(String path) {
        assertThat(ListMergeKeys.mergeKey(path)).isEmpty();
        assertThat(ListMergeKeys.mergesAsSet(path)).isFalse();
    }
}

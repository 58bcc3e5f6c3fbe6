package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind's names, group and paths, and the kinds a CLI argument or a manifest names. */
class ApiKindTest {

    @ParameterizedTest
    @CsvSource({
        "deployments, DEPLOYMENT", "deployment, DEPLOYMENT", "deploy, DEPLOYMENT", "Deployment, DEPLOYMENT",
        "po, POD", "PODS, POD", "rs, REPLICASET", "ns, NAMESPACE", "no, NODE", "node, NODE",
        "cm, CONFIGMAP", "configmaps, CONFIGMAP", "secret, SECRET", "Secrets, SECRET", "sa, SERVICEACCOUNT",
        "serviceaccount, SERVICEACCOUNT", "svc, SERVICE", "services, SERVICE", "ep, ENDPOINTS", "endpoints, ENDPOINTS",
        "endpointslices, ENDPOINTSLICE", "EndpointSlice, ENDPOINTSLICE", "hpa, HORIZONTALPODAUTOSCALER",
        "horizontalpodautoscalers, HORIZONTALPODAUTOSCALER",
    })
    void aCliArgumentNamesAKindByPluralSingularShortNameOrKind(String name, ApiKind kind) {
        assertThat(ApiKind.fromName(name)).contains(kind);
    }

    @Test
    void anUnknownNameNamesNoKind() {
        assertThat(ApiKind.fromName("ingresses")).isEmpty();
    }

    @Test
    void theApiVersionAndPathsJoinGroupAndVersion() {
        assertThat(ApiKind.DEPLOYMENT.group()).isEqualTo("apps");
        assertThat(ApiKind.DEPLOYMENT.apiVersion()).isEqualTo("apps/v1");
        assertThat(ApiKind.DEPLOYMENT.objectPath("default", "web"))
                .isEqualTo("/apis/apps/v1/namespaces/default/deployments/web");
        assertThat(ApiKind.NODE.group()).isEmpty();
        assertThat(ApiKind.NODE.apiVersion()).isEqualTo("v1");
        assertThat(ApiKind.NODE.collectionPath(null)).isEqualTo("/api/v1/nodes");
    }

    @Test
    void aManifestNamesAKindByApiVersionAndKind() {
        assertThat(ApiKind.fromManifest("apps/v1", "ReplicaSet")).contains(ApiKind.REPLICASET);
        assertThat(ApiKind.fromManifest("v1", "ReplicaSet")).isEmpty();
        assertThat(ApiKind.fromManifest("v1", "Secret")).contains(ApiKind.SECRET);
        assertThat(ApiKind.fromManifest("discovery.k8s.io/v1", "EndpointSlice")).contains(ApiKind.ENDPOINTSLICE);
        assertThat(ApiKind.fromManifest("autoscaling/v2", "HorizontalPodAutoscaler"))
                .contains(ApiKind.HORIZONTALPODAUTOSCALER);
    }
}

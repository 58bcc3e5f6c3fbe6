package io.korch.cli.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Deployment;
import io.korch.api.HorizontalPodAutoscaler;
import io.korch.cli.manifest.ManifestException;
import io.korch.cli.manifest.ManifestLoader;
import io.korch.cli.manifest.ManifestObject;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.model.AutoscalerDefaults;
import io.korch.model.DeploymentDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyDecisionTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: box
              labels: {app: box}
            spec:
              containers:
                - name: main
                  image: korch/busybox:latest
            """;

    @Test
    void createsAnObjectThatDoesNotExistInTheTargetNamespace() {
        // given
        ManifestObject pod = one(POD);

        // when
        ApplyDecision decision = ApplyDecision.decide(pod, "demo", null);

        // then
        assertThat(decision.action()).isEqualTo(ApplyDecision.Action.CREATE);
        assertThat(decision.body().path("metadata").path("namespace").asText()).isEqualTo("demo");
        assertThat(decision.body().path("spec").path("containers").get(0).path("image").asText())
                .isEqualTo("korch/busybox:latest");
    }

    @Test
    void leavesAnIdenticalObjectUnchangedDespiteServerFields() {
        // given: the live pod carries uid, resourceVersion, status and the node it was bound to
        ManifestObject pod = one(POD);
        ObjectNode live = served(pod, "42");
        ((ObjectNode) live.path("spec")).put("nodeName", "node-1");
        live.putObject("status").put("phase", "Running");

        // when
        ApplyDecision decision = ApplyDecision.decide(pod, "default", live);

        // then
        assertThat(decision.action()).isEqualTo(ApplyDecision.Action.NONE);
        assertThat(decision.body()).isNull();
    }

    @Test
    void replacesAChangedObjectWithTheLiveResourceVersion() {
        // given
        ObjectNode live = served(one(POD), "42");
        ManifestObject changed = one(POD.replace("app: box", "app: box2"));

        // when
        ApplyDecision decision = ApplyDecision.decide(changed, "default", live);

        // then
        assertThat(decision.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(decision.body().path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(decision.body().path("metadata").path("labels").path("app").asText()).isEqualTo("box2");
    }

    @Test
    void replacesANodeDeclarationWithoutAResourceVersionSinceHeartbeatsMoveIt() {
        // given
        String node = "apiVersion: v1\nkind: Node\nmetadata: {name: node-1, labels: {disk: ssd}}\n";
        ObjectNode live = served(one(node.replace("disk: ssd", "disk: hdd")), "42");

        // when
        ApplyDecision decision = ApplyDecision.decide(one(node), null, live);

        // then
        assertThat(decision.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(decision.body().path("metadata").has("resourceVersion")).isFalse();
    }

    @Test
    void keepsTheLiveReplicasWhenTheManifestLeavesThemOut() {
        // given: a deployment without replicas, scaled to 5 in the cluster
        ManifestObject deployment = one("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: korch/busybox:latest}]}
                """);
        ObjectNode live = served(deployment, "7");
        ((ObjectNode) live.path("spec")).put("replicas", 5);

        // when
        ApplyDecision same = ApplyDecision.decide(deployment, "default", live);
        ((ObjectNode) live.path("metadata")).putObject("labels").put("tier", "front");
        ApplyDecision relabelled = ApplyDecision.decide(deployment, "default", live);

        // then
        assertThat(same.action()).isEqualTo(ApplyDecision.Action.NONE);
        assertThat(relabelled.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(relabelled.body().path("spec").path("replicas").asInt()).isEqualTo(5);
    }

    @Test
    void ordersNamespacesFirstForApplyAndLastForDelete() {
        // given
        List<ManifestObject> objects = ManifestLoader.parse(POD + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n", "x");

        // when / then
        assertThat(ApplyPlan.applyOrder(objects)).extracting(ManifestObject::kind)
                .containsExactly(ApiKind.NAMESPACE, ApiKind.POD);
        assertThat(ApplyPlan.deleteOrder(objects)).extracting(ManifestObject::kind)
                .containsExactly(ApiKind.POD, ApiKind.NAMESPACE);
    }

    @Test
    void takesTheNamespaceFromTheManifestThenTheFlagThenDefault() {
        // given
        ManifestObject declared = one(POD.replace("name: box", "name: box\n  namespace: demo"));
        ManifestObject undeclared = one(POD);

        // then
        assertThat(ApplyPlan.namespaceOf(declared, null)).isEqualTo("demo");
        assertThat(ApplyPlan.namespaceOf(declared, "demo")).isEqualTo("demo");
        assertThat(ApplyPlan.namespaceOf(undeclared, "other")).isEqualTo("other");
        assertThat(ApplyPlan.namespaceOf(undeclared, null)).isEqualTo("default");
        assertThatThrownBy(() -> ApplyPlan.namespaceOf(declared, "other"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("does not match the namespace \"other\"");
    }

    @Test
    void leavesAPodUnchangedWhoseServiceAccountTheServerDefaulted() {
        ManifestObject pod = one(POD);
        ObjectNode live = served(pod, "42");
        ((ObjectNode) live.path("spec")).put("serviceAccountName", "default").put("serviceAccount", "default");

        assertThat(ApplyDecision.decide(pod, "default", live).action()).isEqualTo(ApplyDecision.Action.NONE);
    }

    @Test
    void replacesAConfigMapWhoseDataChanged() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: fast}
                """;
        ObjectNode live = served(one(configMap), "42");

        ApplyDecision same = ApplyDecision.decide(one(configMap), "default", live);
        ApplyDecision changed = ApplyDecision.decide(one(configMap.replace("fast", "slow")), "default", live);

        assertThat(same.action()).isEqualTo(ApplyDecision.Action.NONE);
        assertThat(changed.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(changed.body().path("data").path("mode").asText()).isEqualTo("slow");
    }

    @Test
    void comparesASecretsStringDataWithTheBase64DataTheServerKeeps() {
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: hunter2}
                """;
        ObjectNode live = served(one(secret), "42");
        live.remove("stringData");
        live.put("type", "Opaque").putObject("data").put("password", "aHVudGVyMg==");

        assertThat(ApplyDecision.decide(one(secret), "default", live).action()).isEqualTo(ApplyDecision.Action.NONE);
        assertThat(ApplyDecision.decide(one(secret.replace("hunter2", "hunter3")), "default", live).action())
                .isEqualTo(ApplyDecision.Action.REPLACE);
    }

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector: {app: web}
              ports:
                - name: http
                  port: 80
                  targetPort: 8080
            """;

    @Test
    void leavesAServiceUnchangedWhoseClusterIpNodePortsAndDefaultsTheServerFilledIn() {
        // given: the live Service as the gateway stores it, defaulted and with its allocated values
        ManifestObject service = one(SERVICE);
        ObjectNode live = served(service, "42");
        ObjectNode spec = (ObjectNode) live.path("spec");
        spec.put("clusterIP", "10.96.0.12").putArray("clusterIPs").add("10.96.0.12");
        spec.put("sessionAffinity", "None").put("ipFamilyPolicy", "SingleStack")
                .put("internalTrafficPolicy", "Cluster").put("externalTrafficPolicy", "Cluster");
        spec.putArray("ipFamilies").add("IPv4");
        ((ObjectNode) spec.path("ports").get(0)).put("protocol", "TCP").put("nodePort", 30080);

        // when
        ApplyDecision decision = ApplyDecision.decide(service, "default", live);

        // then
        assertThat(decision.action()).isEqualTo(ApplyDecision.Action.NONE);
    }

    @Test
    void replacesAServiceWhoseManifestChangedOrResetsADefaultTheLiveOneNoLongerHas() {
        // given
        ObjectNode live = served(one(SERVICE), "42");
        ((ObjectNode) live.path("spec")).put("clusterIP", "10.96.0.12").put("sessionAffinity", "ClientIP");
        ManifestObject changed = one(SERVICE.replace("targetPort: 8080", "targetPort: 9090"));

        // when
        ApplyDecision reset = ApplyDecision.decide(one(SERVICE), "default", live);
        ApplyDecision replaced = ApplyDecision.decide(changed, "default", live);

        // then: the body leaves the allocated values out, for the server to keep
        assertThat(reset.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(replaced.action()).isEqualTo(ApplyDecision.Action.REPLACE);
        assertThat(replaced.body().path("spec").has("clusterIP")).isFalse();
        assertThat(replaced.body().path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(9090);
    }

    private static final String AUTOSCALER = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 5
              behavior:
                scaleDown:
                  stabilizationWindowSeconds: 60
            """;

    @Test
    void leavesAnAutoscalerUnchangedWhoseDefaultsTheServerFilledIn() {
        // given: the live autoscaler as the gateway stores it, with minReplicas, the cpu metric and the behavior rules filled in
        ManifestObject autoscaler = one(AUTOSCALER);
        ObjectNode live = served(autoscaler, "42");
        live.putObject("status").put("currentReplicas", 1).put("desiredReplicas", 1);

        // when
        ApplyDecision unchanged = ApplyDecision.decide(autoscaler, "default", live);
        ApplyDecision replaced = ApplyDecision.decide(one(AUTOSCALER.replace("maxReplicas: 5", "maxReplicas: 6")),
                "default", live);

        // then
        assertThat(live.path("spec").path("behavior").path("scaleUp").path("policies").size()).isEqualTo(2);
        assertThat(unchanged.action()).isEqualTo(ApplyDecision.Action.NONE);
        assertThat(replaced.action()).isEqualTo(ApplyDecision.Action.REPLACE);
    }

    private static ManifestObject one(String yaml) {
        return ManifestLoader.parse(yaml, "test.yaml").get(0);
    }

    /** {@code object} as the server serves it: with its metadata, a Deployment or autoscaler with its defaults filled in. */
    private static ObjectNode served(ManifestObject object, String resourceVersion) {
        ObjectNode live = ApiJson.write(object.object() instanceof Deployment deployment
                ? DeploymentDefaults.defaulted(deployment)
                : object.object() instanceof HorizontalPodAutoscaler autoscaler
                ? AutoscalerDefaults.defaulted(autoscaler) : object.object());
        ObjectNode meta = (ObjectNode) live.get("metadata");
        meta.put("namespace", "default").put("uid", "u-1").put("resourceVersion", resourceVersion)
                .put("creationTimestamp", "2024-01-31T11:00:00Z");
        return live;
    }
}

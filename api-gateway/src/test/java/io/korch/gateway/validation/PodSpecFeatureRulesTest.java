package io.korch.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Pod;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import org.junit.jupiter.api.Test;

/**
 * Pure tests of the pod spec rules on probes, hooks, init containers, volumes, environment and
 * security contexts, on pods written as manifests are.
 */
class PodSpecFeatureRulesTest {

    private final PodValidator validator = new PodValidator();

    @Test
    void acceptsAPodUsingEveryFeature() {
        assertThat(causes("""
                initContainers:
                - name: setup
                  image: busybox
                  volumeMounts: [{name: work, mountPath: /work}]
                containers:
                - name: main
                  image: busybox
                  ports: [{name: http, containerPort: 8080}]
                  readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}
                  livenessProbe: {tcpSocket: {port: 8080}, successThreshold: 1}
                  startupProbe: {exec: {command: [true]}, failureThreshold: 30}
                  lifecycle: {preStop: {sleep: {seconds: 5}}}
                  env:
                  - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                  - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                  - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
                  - {name: PASS, valueFrom: {secretKeyRef: {name: db, key: password}}}
                  envFrom: [{configMapRef: {name: settings}}]
                  volumeMounts: [{name: work, mountPath: /work}, {name: config, mountPath: /etc/app, readOnly: true}]
                  securityContext: {runAsUser: 1000, runAsNonRoot: true, capabilities: {add: [NET_ADMIN], drop: [ALL]}}
                volumes:
                - {name: work, emptyDir: {medium: Memory}}
                - {name: config, configMap: {name: settings, defaultMode: 0440, items: [{key: a, path: conf/a.txt}]}}
                - {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
                securityContext: {fsGroup: 2000}
                """)).isEmpty();
    }

    @Test
    void aProbeNeedsExactlyOneHandler() {
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  readinessProbe: {periodSeconds: 5}
                  livenessProbe: {exec: {command: [true]}, tcpSocket: {port: 80}}
                """)).containsExactly(
                "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
                "spec.containers[0].readinessProbe: Required value: must specify a handler type");
    }

    @Test
    void livenessAndStartupProbesSucceedOnceAndCountsAreNotNegative() {
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  livenessProbe: {exec: {command: [true]}, successThreshold: 2, periodSeconds: -1}
                  readinessProbe: {exec: {command: [true]}, successThreshold: 2}
                """)).containsExactly(
                "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
    }

    @Test
    void aProbePortByNameMustBeOneTheContainerDeclares() {
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  ports: [{name: web, containerPort: 80}]
                  livenessProbe: {httpGet: {path: /, port: http}}
                  readinessProbe: {tcpSocket: {port: Http_1}}
                """)).containsExactly(
                "spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"http\": must be the name of one of the container's ports",
                "spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: \"Http_1\": must contain only"
                        + " alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }

    @Test
    void aLifecycleHookNeedsOneHandlerAndASleepWithinTheGracePeriod() {
        assertThat(causes("""
                terminationGracePeriodSeconds: 10
                containers:
                - name: main
                  image: busybox
                  lifecycle: {postStart: {}, preStop: {sleep: {seconds: 20}}}
                """)).containsExactly(
                "spec.containers[0].lifecycle.postStart: Required value: must specify a handler type",
                "spec.containers[0].lifecycle.preStop.sleep.seconds: Invalid value: 20: must be greater than 0 and"
                        + " less than terminationGracePeriodSeconds (10)");
    }

    @Test
    void initContainersHaveUniqueNamesAndNoProbesNorHooks() {
        assertThat(causes("""
                initContainers:
                - name: main
                  image: busybox
                  readinessProbe: {exec: {command: [true]}}
                  lifecycle: {postStart: {exec: {command: [true]}}}
                containers:
                - {name: main, image: busybox}
                """)).containsExactly(
                "spec.initContainers[0].name: Duplicate value: \"main\"",
                "spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always",
                "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
    }

    @Test
    void volumesHaveOneSourceAndMountsNameThem() {
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  volumeMounts: [{name: data, mountPath: /data}, {name: a, mountPath: /data, subPath: ../up}]
                volumes:
                - {name: a, emptyDir: {medium: HugePages}, secret: {secretName: s}}
                - {name: b}
                - {name: c, secret: {secretName: s, defaultMode: 1000, items: [{key: k, path: /abs}, {key: k, path: x/../../y}]}}
                """)).containsExactly(
                "spec.volumes[0].emptyDir.medium: Unsupported value: \"HugePages\": supported values: \"\", \"Memory\"",
                "spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type",
                "spec.volumes[1]: Required value: must specify a volume type",
                "spec.volumes[2].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
                "spec.volumes[2].secret.items[0].path: Invalid value: \"/abs\": must be a relative path",
                "spec.volumes[2].secret.items[1].path: Invalid value: \"x/../../y\": must not contain '..'",
                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique",
                "spec.containers[0].volumeMounts[1].subPath: Invalid value: \"../up\": must not contain '..'");
    }

    @Test
    void anEnvVarHasAValueOrOneSourceOfTheFieldsKubernetesOffers() {
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  env:
                  - {name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                  - {name: B, valueFrom: {}}
                  - {name: C, valueFrom: {fieldRef: {fieldPath: spec.containers}}}
                  - {name: D, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}
                  - {name: E, valueFrom: {fieldRef: {fieldPath: metadata.name}, configMapKeyRef: {name: c, key: k}}}
                  envFrom: [{prefix: X_}]
                """)).containsExactly(
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
                "spec.containers[0].env[1].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`,"
                        + " `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.containers\":"
                        + " supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\","
                        + " \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\","
                        + " \"status.podIP\", \"status.podIPs\"",
                "spec.containers[0].env[3].valueFrom.resourceFieldRef.resource: Unsupported value: \"limits.gpu\":"
                        + " supported values: \"limits.cpu\", \"limits.memory\", \"requests.cpu\", \"requests.memory\"",
                "spec.containers[0].env[4].valueFrom: Invalid value: \"\": may not have more than one field specified at a time",
                "spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`");
    }

    @Test
    void thePodsAddressesAreOfferedToEnvButNotToDownwardApiFiles() {
        String volumeFields = " supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\","
                + " \"metadata.namespace\", \"metadata.uid\"";
        assertThat(causes("""
                containers:
                - name: main
                  image: busybox
                  env:
                  - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                  - {name: POD_IPS, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}
                  - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
                  - {name: HOST_IPS, valueFrom: {fieldRef: {fieldPath: status.hostIPs}}}
                volumes:
                - name: info
                  downwardAPI:
                    items:
                    - {path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}
                    - {path: ip, fieldRef: {fieldPath: status.podIP}}
                    - {path: host, fieldRef: {fieldPath: status.hostIP}}
                """)).containsExactly(
                "spec.volumes[0].downwardAPI.items[1].fieldRef.fieldPath: Unsupported value: \"status.podIP\":"
                        + volumeFields,
                "spec.volumes[0].downwardAPI.items[2].fieldRef.fieldPath: Unsupported value: \"status.hostIP\":"
                        + volumeFields);
    }

    @Test
    void aNonRootContainerMayNotRunAsRootAndCapabilitiesAreLinuxOnes() {
        assertThat(causes("""
                securityContext: {runAsNonRoot: true}
                containers:
                - name: main
                  image: busybox
                  securityContext: {runAsUser: 0, capabilities: {add: [NET_ADMIN, CAP_CHOWN, FLY]}}
                """)).containsExactly(
                "spec.containers[0].securityContext.runAsUser: Invalid value: 0: must not be 0 when `runAsNonRoot` is true",
                "spec.containers[0].securityContext.capabilities.add[2]: Invalid value: \"FLY\": must be a Linux"
                        + " capability, such as NET_BIND_SERVICE");
    }

    private java.util.List<String> causes(String spec) {
        String manifest = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default}\nspec:\n"
                + spec.indent(2);
        Pod pod = ApiJson.read(Manifests.parseOne(manifest), Pod.class);
        return validator.validate(pod).stream().map(Cause::describe).toList();
    }
}

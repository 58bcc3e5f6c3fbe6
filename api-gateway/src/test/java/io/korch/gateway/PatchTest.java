package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.NAMESPACES;
import static io.korch.gateway.testing.Api.NODES;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.namespace;
import static io.korch.gateway.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Node;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PATCH over real HTTP against a real broker: each patch type on a Deployment and on a namespace,
 * {@code kubectl scale} on the scale subresource, {@code kubectl label} on a node an agent
 * registered, and the errors Kubernetes answers.
 */
class PatchTest {

    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String STRATEGIC = "application/strategic-merge-patch+json";

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    private Response patch(String path, String contentType, String singleQuoted) {
        return api.send(HttpMethod.PATCH, path, Api.JSON, contentType, singleQuoted.replace('\'', '"'));
    }

    /** Creates a Deployment {@code name} of two containers, {@code main} (with env LEVEL=info) and {@code log}. */
    private Response createDeployment(String name) {
        Response created = api.post(DEPLOYMENTS, deployment(name).template(pod -> pod.env("LEVEL", "info").sidecar("log"))
                .build());
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        return created;
    }

    @Test
    void strategicMergeChangesOneContainerByNameAddsAnEnvVarAndKeepsTheOthers() {
        JsonNode before = createDeployment("smp").json().at("/spec/template/spec/containers");

        Response patched = patch(DEPLOYMENTS + "/smp?fieldManager=kubectl-patch&fieldValidation=Strict", STRATEGIC,
                "{'spec':{'template':{'spec':{'containers':[{'name':'main','image':'nginx:1.28',"
                        + "'env':[{'name':'MODE','value':'blue'}]}]}}}}");

        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        JsonNode containers = patched.json().at("/spec/template/spec/containers");
        assertThat(containers).extracting(c -> c.get("name").asText()).containsExactly("main", "log");
        assertThat(containers.get(0).get("image").asText()).isEqualTo("nginx:1.28");
        assertThat(containers.get(0).get("env")).extracting(e -> e.get("name").asText())
                .containsExactlyInAnyOrder("LEVEL", "MODE");
        assertThat(containers.get(1)).isEqualTo(before.get(1));
        assertThat(patched.at("/metadata/generation")).isEqualTo("2");
        assertThat(api.get(DEPLOYMENTS + "/smp").json().at("/spec/template/spec/containers")).isEqualTo(containers);
    }

    @Test
    void mergePatchAndJsonPatchChangeADeployment() {
        createDeployment("mp");

        Response labelled = patch(DEPLOYMENTS + "/mp", MERGE_PATCH, "{'metadata':{'labels':{'team':'web'}}}");
        Response scaled = patch(DEPLOYMENTS + "/mp", JSON_PATCH, "[{'op':'test','path':'/spec/replicas','value':2},"
                + "{'op':'replace','path':'/spec/replicas','value':3},"
                + "{'op':'add','path':'/metadata/annotations','value':{'example.com/owner':'ops'}}]");

        assertThat(labelled.code()).as(labelled.body()).isEqualTo(200);
        assertThat(labelled.at("/metadata/labels/team")).isEqualTo("web");
        assertThat(scaled.code()).as(scaled.body()).isEqualTo(200);
        assertThat(scaled.at("/spec/replicas")).isEqualTo("3");
        assertThat(scaled.at("/metadata/labels/team")).isEqualTo("web");
        assertThat(scaled.at("/metadata/annotations/example.com~1owner")).isEqualTo("ops");
    }

    @Test
    void eachPatchTypeLabelsANamespace() {
        assertThat(api.post(NAMESPACES, namespace("patched")).code()).isEqualTo(201);

        Response merged = patch(NAMESPACES + "/patched", MERGE_PATCH, "{'metadata':{'labels':{'a':'1'}}}");
        Response strategic = patch(NAMESPACES + "/patched", STRATEGIC, "{'metadata':{'labels':{'b':'2'}}}");
        Response json = patch(NAMESPACES + "/patched", JSON_PATCH,
                "[{'op':'add','path':'/metadata/labels/example.com~1team','value':'3'},"
                        + "{'op':'remove','path':'/metadata/labels/a'}]");

        assertThat(merged.code()).as(merged.body()).isEqualTo(200);
        assertThat(strategic.code()).as(strategic.body()).isEqualTo(200);
        assertThat(json.code()).as(json.body()).isEqualTo(200);
        assertThat(api.get(NAMESPACES + "/patched").json().at("/metadata/labels"))
                .isEqualTo(json.json().at("/metadata/labels"));
        assertThat(json.at("/metadata/labels/b")).isEqualTo("2");
        assertThat(json.at("/metadata/labels/example.com~1team")).isEqualTo("3");
        assertThat(json.json().at("/metadata/labels").has("a")).isFalse();
        assertThat(json.at("/status/phase")).isEqualTo("Active");
    }

    @Test
    void kubectlScaleMergePatchesTheScaleSubresource() {
        createDeployment("scaled");

        Response scale = patch(DEPLOYMENTS + "/scaled/scale", MERGE_PATCH, "{'spec':{'replicas':4}}");

        assertThat(scale.code()).as(scale.body()).isEqualTo(200);
        assertThat(scale.at("/kind")).isEqualTo("Scale");
        assertThat(scale.at("/spec/replicas")).isEqualTo("4");
        assertThat(api.get(DEPLOYMENTS + "/scaled").at("/spec/replicas")).isEqualTo("4");
    }

    @Test
    void kubectlLabelNodeMergePatchesTheNodeOverItsRegistration() {
        Node registration = registered("worker-p", Instant.now()).label("zone", "east").build();
        gateway.cluster().publish(Topics.NODES, "worker-p", registration);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(NODES + "/worker-p").code() == 200);

        Response labelled = patch(NODES + "/worker-p", MERGE_PATCH, "{'metadata':{'labels':{'disk':'ssd'}}}");
        Response cordoned = patch(NODES + "/worker-p", STRATEGIC, "{'spec':{'unschedulable':true}}");

        assertThat(labelled.code()).as(labelled.body()).isEqualTo(200);
        assertThat(labelled.at("/metadata/labels/disk")).isEqualTo("ssd");
        assertThat(labelled.at("/metadata/labels/zone")).isEqualTo("east");
        assertThat(cordoned.code()).as(cordoned.body()).isEqualTo(200);
        Response read = api.get(NODES + "/worker-p");
        assertThat(read.at("/metadata/labels/disk")).isEqualTo("ssd");
        assertThat(read.at("/spec/unschedulable")).isEqualTo("true");
        assertThat(read.at("/status/conditions/0/type")).isEqualTo("Ready");
    }

    @Test
    void aPatchToAMissingObjectIs404() {
        Response response = patch(DEPLOYMENTS + "/absent", MERGE_PATCH, "{'metadata':{'labels':{'a':'b'}}}");
        Response scale = patch(DEPLOYMENTS + "/absent/scale", MERGE_PATCH, "{'spec':{'replicas':1}}");
        Response node = patch(NODES + "/absent", MERGE_PATCH, "{'metadata':{'labels':{'a':'b'}}}");

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.at("/kind")).isEqualTo("Status");
        assertThat(response.at("/reason")).isEqualTo("NotFound");
        assertThat(response.at("/message")).isEqualTo("deployments.apps \"absent\" not found");
        assertThat(scale.code()).isEqualTo(404);
        assertThat(node.code()).isEqualTo(404);
    }

    @Test
    void anotherContentTypeIs415() {
        createDeployment("types");

        Response json = patch(DEPLOYMENTS + "/types", Api.JSON, "{'spec':{'replicas':1}}");

        assertThat(json.code()).isEqualTo(415);
        assertThat(json.at("/reason")).isEqualTo("UnsupportedMediaType");
        assertThat(json.at("/message")).contains("accepted media types include: application/json-patch+json, "
                + "application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml");
        assertThat(api.get(DEPLOYMENTS + "/types").at("/spec/replicas")).isEqualTo("2");
    }

    @Test
    void serverSideApplyCreatesChangesRemovesAndRefusesAnotherManagersFields() {
        Response created = apply("applied", "kubectl", false, 2, "tier: web\n    team: blue");
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(created.at("/metadata/managedFields/0/manager")).isEqualTo("kubectl");
        assertThat(created.at("/metadata/managedFields/0/operation")).isEqualTo("Apply");

        Response changed = apply("applied", "kubectl", false, 3, "tier: web");
        assertThat(changed.code()).as(changed.body()).isEqualTo(200);
        assertThat(changed.at("/spec/replicas")).isEqualTo("3");
        assertThat(changed.at("/metadata/labels/tier")).isEqualTo("web");
        assertThat(changed.at("/metadata/labels/team")).isEmpty();

        Response conflict = apply("applied", "other", false, 5, "tier: web");
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.at("/message")).contains("conflict with \"kubectl\"").contains(".spec.replicas");
        assertThat(conflict.at("/details/causes/0/reason")).isEqualTo("FieldManagerConflict");
        assertThat(api.get(DEPLOYMENTS + "/applied").at("/spec/replicas")).isEqualTo("3");

        Response forced = apply("applied", "other", true, 5, "tier: web");
        assertThat(forced.code()).as(forced.body()).isEqualTo(200);
        assertThat(forced.at("/spec/replicas")).isEqualTo("5");

        Response withoutManager = patch(DEPLOYMENTS + "/applied", "application/apply-patch+yaml", "spec: {}");
        assertThat(withoutManager.code()).isEqualTo(422);
        assertThat(withoutManager.at("/message")).contains("fieldManager");
    }

    private Response apply(String name, String manager, boolean force, int replicas, String labels) {
        String config = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                    %4$s
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: main, image: korch/busybox:latest}]
                """.formatted(name, replicas, force, labels);
        return patch(DEPLOYMENTS + "/" + name + "?fieldManager=" + manager + (force ? "&force=true" : ""),
                "application/apply-patch+yaml", config.replace('\'', '"'));
    }

    @Test
    void aStaleResourceVersionInThePatchIs409() {
        String stale = createDeployment("stale").at("/metadata/resourceVersion");
        assertThat(patch(DEPLOYMENTS + "/stale", MERGE_PATCH, "{'spec':{'replicas':3}}").code()).isEqualTo(200);

        Response response = patch(DEPLOYMENTS + "/stale", MERGE_PATCH,
                "{'metadata':{'resourceVersion':'" + stale + "'},'spec':{'replicas':5}}");

        assertThat(response.code()).as(response.body()).isEqualTo(409);
        assertThat(response.at("/reason")).isEqualTo("Conflict");
        assertThat(api.get(DEPLOYMENTS + "/stale").at("/spec/replicas")).isEqualTo("3");
    }

    @Test
    void aPatchLeavingAnInvalidObjectIs422NamingTheField() {
        createDeployment("invalid");

        Response negative = patch(DEPLOYMENTS + "/invalid", MERGE_PATCH, "{'spec':{'replicas':-1}}");
        Response unknown = patch(DEPLOYMENTS + "/invalid", STRATEGIC, "{'spec':{'replica':3}}");
        Response scale = patch(DEPLOYMENTS + "/invalid/scale", MERGE_PATCH, "{'spec':{'replicas':-2}}");

        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.at("/reason")).isEqualTo("Invalid");
        assertThat(negative.at("/details/causes/0/field")).isEqualTo("spec.replicas");
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(unknown.at("/details/causes/0/field")).isEqualTo("spec.replica");
        assertThat(scale.code()).isEqualTo(422);
        assertThat(scale.at("/details/causes/0/field")).isEqualTo("spec.replicas");
        assertThat(api.get(DEPLOYMENTS + "/invalid").at("/spec/replicas")).isEqualTo("2");
    }

    @Test
    void aPatchThatDoesNotApplyIs422AndAMalformedOneIs400() {
        createDeployment("bad");

        Response failedTest = patch(DEPLOYMENTS + "/bad", JSON_PATCH, "[{'op':'test','path':'/spec/replicas','value':7}]");
        Response missingPath = patch(DEPLOYMENTS + "/bad", JSON_PATCH, "[{'op':'remove','path':'/spec/paused'}]");
        Response notJson = patch(DEPLOYMENTS + "/bad", MERGE_PATCH, "{'spec':");
        Response notAnArray = patch(DEPLOYMENTS + "/bad", JSON_PATCH, "{'op':'remove','path':'/spec'}");
        Response badDirective = patch(DEPLOYMENTS + "/bad", STRATEGIC,
                "{'spec':{'template':{'metadata':{'labels':{'$patch':'nope'}}}}}");
        Response badOption = patch(DEPLOYMENTS + "/bad?dryRun=Some", MERGE_PATCH, "{}");

        assertThat(failedTest.code()).isEqualTo(422);
        assertThat(failedTest.at("/message")).isEqualTo("testing value /spec/replicas failed: test failed");
        assertThat(missingPath.code()).isEqualTo(422);
        // kubectl 1.20 prints the causes of an Invalid status, not its message
        assertThat(missingPath.at("/details/causes/0/field")).isEqualTo("patch");
        assertThat(missingPath.at("/details/causes/0/message")).isEqualTo(missingPath.at("/message"))
                .contains("/spec/paused");
        assertThat(missingPath.json().at("/details").has("kind")).isFalse();
        assertThat(notJson.code()).isEqualTo(400);
        assertThat(notJson.at("/reason")).isEqualTo("BadRequest");
        assertThat(notAnArray.code()).isEqualTo(400);
        assertThat(badDirective.code()).isEqualTo(400);
        assertThat(badDirective.at("/message")).startsWith("unknown patch type: nope");
        assertThat(badOption.code()).isEqualTo(422);
        assertThat(badOption.at("/details/causes/0/field")).isEqualTo("dryRun");
    }

    @Test
    void dryRunAnswersThePatchedObjectWithoutWritingIt() {
        String resourceVersion = createDeployment("dry").at("/metadata/resourceVersion");

        Response dry = patch(DEPLOYMENTS + "/dry?dryRun=All", MERGE_PATCH, "{'spec':{'replicas':6}}");
        Response dryScale = patch(DEPLOYMENTS + "/dry/scale?dryRun=All", MERGE_PATCH, "{'spec':{'replicas':7}}");

        assertThat(dry.code()).as(dry.body()).isEqualTo(200);
        assertThat(dry.at("/spec/replicas")).isEqualTo("6");
        assertThat(dry.at("/metadata/generation")).isEqualTo("2");
        assertThat(dryScale.code()).as(dryScale.body()).isEqualTo(200);
        assertThat(dryScale.at("/spec/replicas")).isEqualTo("7");
        Response read = api.get(DEPLOYMENTS + "/dry");
        assertThat(read.at("/spec/replicas")).isEqualTo("2");
        assertThat(read.at("/metadata/resourceVersion")).isEqualTo(resourceVersion);
    }
}

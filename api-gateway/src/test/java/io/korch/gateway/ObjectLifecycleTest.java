package io.korch.gateway;

import static io.korch.gateway.testing.Api.DEPLOYMENTS;
import static io.korch.gateway.testing.Api.NAMESPACES;
import static io.korch.gateway.testing.Api.PODS;
import static io.korch.gateway.testing.Api.REPLICASETS;
import static io.korch.gateway.testing.Fixtures.deployment;
import static io.korch.gateway.testing.Fixtures.namespace;
import static io.korch.gateway.testing.Fixtures.pod;
import static io.korch.gateway.testing.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Deployment;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, get, list, replace and delete of every kind over real HTTP against a real broker. */
class ObjectLifecycleTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void theDefaultNamespaceExistsFromTheStart() {
        Response response = api.get(NAMESPACES + "/default");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.at("/status/phase")).isEqualTo("Active");
        assertThat(response.at("/metadata/uid")).isNotEmpty();
    }

    @Test
    void aCreatedPodIsReadBackAtOnceWithServerAssignedFields() {
        Response created = api.post(PODS, pod("rw").label("app", "rw").build());
        Response read = api.get(PODS + "/rw");

        assertThat(created.code()).isEqualTo(201);
        assertThat(read.code()).isEqualTo(200);
        JsonNode pod = read.json();
        assertThat(pod.at("/metadata/uid").asText()).isEqualTo(created.at("/metadata/uid")).isNotEmpty();
        assertThat(pod.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(pod.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(pod.at("/metadata/creationTimestamp").asText()).isNotEmpty();
        assertThat(pod.at("/metadata/resourceVersion").asText()).isEqualTo(created.at("/metadata/resourceVersion"));
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
    }

    @Test
    void podsAreCreatedReplacedAndDeletedInYaml() {
        Response created = api.postYaml(PODS, pod("yaml-pod").build());
        Pod changed = pod("yaml-pod").label("tier", "cache").build();
        Response replaced = api.putYaml(PODS + "/yaml-pod", changed);
        Response deleted = api.delete(PODS + "/yaml-pod");

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo(Api.YAML);
        assertThat(created.body()).contains("name: yaml-pod");
        assertThat(replaced.code()).isEqualTo(200);
        assertThat(replaced.at("/metadata/labels/tier")).isEqualTo("cache");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/metadata/labels/tier")).isEqualTo("cache");
        assertThat(api.get(PODS + "/yaml-pod").code()).isEqualTo(404);
    }

    @Test
    void deploymentsGoThroughTheirWholeLifecycleInJson() {
        Response created = api.post(DEPLOYMENTS, deployment("web").replicas(2).build());
        Response replaced = api.put(DEPLOYMENTS + "/web", deployment("web").replicas(3).build());
        Response listed = api.get(DEPLOYMENTS);
        Response deleted = api.delete(DEPLOYMENTS + "/web");

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.at("/status/replicas")).isEqualTo("0");
        assertThat(replaced.code()).isEqualTo(200);
        assertThat(replaced.at("/spec/replicas")).isEqualTo("3");
        assertThat(replaced.at("/metadata/generation")).isEqualTo("2");
        assertThat(replaced.at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
        assertThat(listed.at("/kind")).isEqualTo("DeploymentList");
        assertThat(listed.json().get("items")).extracting(i -> i.at("/metadata/name").asText()).contains("web");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.at("/spec/replicas")).isEqualTo("3");
        assertThat(api.get(DEPLOYMENTS + "/web").code()).isEqualTo(404);
    }

    @Test
    void replicaSetsGoThroughTheirWholeLifecycleInJsonAndYaml() {
        ReplicaSet replicaSet = replicaSet("cache").build();
        Response created = api.postYaml(REPLICASETS, replicaSet);
        Response replaced = api.put(REPLICASETS + "/cache", replicaSet("cache").replicas(0).build());
        Response yaml = api.getYaml(REPLICASETS + "/cache");
        Response deleted = api.delete(REPLICASETS + "/cache");

        assertThat(created.code()).isEqualTo(201);
        assertThat(replaced.at("/spec/replicas")).isEqualTo("0");
        assertThat(yaml.contentType()).isEqualTo(Api.YAML);
        assertThat(yaml.at("/kind")).isEqualTo("ReplicaSet");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(api.get("/apis/apps/v1/replicasets").json().get("items"))
                .noneMatch(i -> i.at("/metadata/name").asText().equals("cache"));
    }

    @Test
    void namespacesAreCreatedListedRelabelledAndDeleted() {
        Response created = api.post(NAMESPACES, namespace("team-a"));
        Response relabelled = api.putYaml(NAMESPACES + "/team-a",
                io.korch.api.Namespace.newBuilder(namespace("team-a")).build());
        Response listed = api.get(NAMESPACES);
        Response deleted = api.delete(NAMESPACES + "/team-a");

        assertThat(created.code()).isEqualTo(201);
        assertThat(relabelled.code()).isEqualTo(200);
        assertThat(listed.json().get("items")).extracting(i -> i.at("/metadata/name").asText())
                .contains("default", "team-a");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(api.get(NAMESPACES + "/team-a").code()).isEqualTo(404);
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        Response response = api.post("/api/v1/namespaces/nowhere/pods", pod("p").namespace("nowhere").build());

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.at("/reason")).isEqualTo("NotFound");
        assertThat(response.at("/message")).isEqualTo("namespaces \"nowhere\" not found");
    }

    @Test
    void theDefaultNamespaceCannotBeDeleted() {
        Response response = api.delete(NAMESPACES + "/default");

        assertThat(response.code()).isEqualTo(403);
        assertThat(response.at("/message")).isEqualTo("namespaces \"default\" is forbidden: this namespace may not be deleted");
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        api.post(PODS, pod("twice").build());

        Response again = api.post(PODS, pod("twice").build());

        assertThat(again.code()).isEqualTo(409);
        assertThat(again.at("/reason")).isEqualTo("AlreadyExists");
        assertThat(again.at("/message")).isEqualTo("pods \"twice\" already exists");
    }

    @Test
    void ofManyConcurrentCreatesOfOneNameExactlyOneSucceeds() {
        String body = Api.json(pod("race").build());
        List<Future<HttpResponse<Buffer>>> requests = IntStream.range(0, 8)
                .mapToObj(i -> gateway.client().postAbs(gateway.url() + PODS)
                        .putHeader("Content-Type", Api.JSON)
                        .sendBuffer(Buffer.buffer(body)))
                .toList();

        List<Integer> codes = requests.stream().map(f -> awaitCode(f)).toList();

        assertThat(codes).containsOnly(201, 409).filteredOn(code -> code == 201).hasSize(1);
    }

    private static int awaitCode(Future<HttpResponse<Buffer>> response) {
        try {
            return response.await(30, TimeUnit.SECONDS).statusCode();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void replacingWithAStaleResourceVersionIsAConflict() {
        Response created = api.post(DEPLOYMENTS, deployment("occ").build());
        Deployment first = deployment("occ").replicas(4).build();
        first.getMetadata().setResourceVersion(created.at("/metadata/resourceVersion"));
        Deployment stale = deployment("occ").replicas(5).build();
        stale.getMetadata().setResourceVersion(created.at("/metadata/resourceVersion"));

        Response accepted = api.put(DEPLOYMENTS + "/occ", first);
        Response conflict = api.put(DEPLOYMENTS + "/occ", stale);

        assertThat(accepted.code()).isEqualTo(200);
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.at("/reason")).isEqualTo("Conflict");
        assertThat(api.get(DEPLOYMENTS + "/occ").at("/spec/replicas")).isEqualTo("4");
    }

    @Test
    void missingObjectsAreNotFound() {
        assertThat(api.get(DEPLOYMENTS + "/ghost").code()).isEqualTo(404);
        assertThat(api.delete(PODS + "/ghost").code()).isEqualTo(404);
        assertThat(api.put(PODS + "/ghost", pod("ghost").build()).code()).isEqualTo(404);
        assertThat(api.get(DEPLOYMENTS + "/ghost").at("/message")).isEqualTo("deployments.apps \"ghost\" not found");
    }

    @Test
    void listsFilterByLabelSelector() {
        api.post(PODS, pod("front-1").label("tier", "front").label("env", "prod").build());
        api.post(PODS, pod("front-2").label("tier", "front").label("env", "dev").build());
        api.post(PODS, pod("back-1").label("tier", "back").build());

        Response prodFront = api.get(PODS + "?labelSelector=tier%3Dfront,env%20in%20(prod)");
        Response notFront = api.get("/api/v1/pods?labelSelector=tier,tier!%3Dfront");

        assertThat(names(prodFront)).containsExactly("front-1");
        assertThat(names(notFront)).containsExactly("back-1");
        assertThat(prodFront.at("/kind")).isEqualTo("PodList");
        assertThat(prodFront.at("/metadata/resourceVersion")).isNotEmpty();
    }

    @Test
    void anInvalidLabelSelectorIsABadRequest() {
        Response response = api.get(PODS + "?labelSelector=tier%20in%20front");

        assertThat(response.code()).isEqualTo(400);
        assertThat(response.at("/reason")).isEqualTo("BadRequest");
        assertThat(response.at("/message")).contains("invalid label selector");
    }

    @Test
    void theScaleSubresourceReadsAndSetsReplicas() {
        api.post(DEPLOYMENTS, deployment("scaled").replicas(2).build());

        Response scale = api.get(DEPLOYMENTS + "/scaled/scale");
        Response scaled = api.send(io.vertx.core.http.HttpMethod.PUT, DEPLOYMENTS + "/scaled/scale", Api.JSON,
                Api.JSON, "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"scaled\","
                        + "\"resourceVersion\":\"" + scale.at("/metadata/resourceVersion") + "\"},\"spec\":{\"replicas\":7}}");
        Response negative = api.send(io.vertx.core.http.HttpMethod.PUT, DEPLOYMENTS + "/scaled/scale", Api.JSON,
                Api.JSON, "{\"spec\":{\"replicas\":-1}}");

        assertThat(scale.at("/kind")).isEqualTo("Scale");
        assertThat(scale.at("/apiVersion")).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas")).isEqualTo("2");
        assertThat(scale.at("/status/replicas")).isEqualTo("0");
        assertThat(scale.at("/status/selector")).isEqualTo("app=scaled");
        assertThat(scaled.code()).isEqualTo(200);
        assertThat(scaled.at("/spec/replicas")).isEqualTo("7");
        assertThat(negative.code()).isEqualTo(422);
        assertThat(api.get(DEPLOYMENTS + "/scaled").at("/spec/replicas")).isEqualTo("7");
        assertThat(api.get(DEPLOYMENTS + "/scaled").at("/metadata/generation")).isEqualTo("2");
    }

    @Test
    void aReplicaSetHasAScaleSubresourceToo() {
        api.post(REPLICASETS, replicaSet("scaled-rs").replicas(2).build());

        Response scale = api.get(REPLICASETS + "/scaled-rs/scale");
        Response patched = api.send(io.vertx.core.http.HttpMethod.PATCH, REPLICASETS + "/scaled-rs/scale", Api.JSON,
                "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");

        assertThat(scale.at("/kind")).isEqualTo("Scale");
        assertThat(scale.at("/spec/replicas")).isEqualTo("2");
        assertThat(scale.at("/status/selector")).isEqualTo("app=scaled-rs");
        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        assertThat(api.get(REPLICASETS + "/scaled-rs").at("/spec/replicas")).isEqualTo("3");
        assertThat(api.get(REPLICASETS + "/missing/scale").at("/message"))
                .isEqualTo("replicasets.apps \"missing\" not found");
    }

    @Test
    void listsAcrossNamespacesIncludeEveryNamespace() {
        api.post(NAMESPACES, namespace("team-b"));
        api.post("/apis/apps/v1/namespaces/team-b/deployments", deployment("api").namespace("team-b")
                .selector(Map.of("app", "api")).build());

        Response all = api.get("/apis/apps/v1/deployments");

        assertThat(all.json().get("items")).extracting(i -> i.at("/metadata/namespace").asText() + "/"
                + i.at("/metadata/name").asText()).contains("team-b/api");
    }

    @Test
    void healthAndDiscoveryAnswer() {
        assertThat(api.get("/healthz").code()).isEqualTo(200);
        assertThat(api.get("/readyz").code()).isEqualTo(200);
        assertThat(api.get("/api").at("/versions/0")).isEqualTo("v1");
        assertThat(api.get("/apis").at("/groups/0/preferredVersion/groupVersion")).isEqualTo("apps/v1");
    }

    private static List<String> names(Response list) {
        return java.util.stream.StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(i -> i.at("/metadata/name").asText()).toList();
    }
}

package io.korch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.api.Allocation;
import io.korch.api.Endpoint;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.ObjectMeta;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.WriteRequest;
import io.korch.gateway.allocation.ServiceAllocator;
import io.korch.gateway.testing.Api;
import io.korch.gateway.testing.Api.Response;
import io.korch.gateway.testing.GatewayFixture;
import io.korch.model.Cidr;
import io.korch.topics.Keys;
import io.korch.topics.Topics;
import io.vertx.core.http.HttpMethod;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Services over real HTTP against a real broker: defaults, cluster IPs and node ports allocated
 * through the change log or requested, Kubernetes' refusals of values out of range or taken, the
 * cluster IP kept across replaces and immutable, claims released on deletion, EndpointSlices and
 * Endpoints served read only, and the Services' discovery and tables.
 */
class ServicesTest {

    private static final String SERVICES = "/api/v1/namespaces/default/services";
    private static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices";
    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    private final Api api = gateway.api();

    @Test
    void aClusterIpServiceGetsAnAddressOfTheServiceNetworkAndKubernetesDefaults() {
        Response created = post(service("web", "ClusterIP", "{\"port\": 80, \"targetPort\": 8080}", null));

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        JsonNode spec = created.json().path("spec");
        String ip = spec.path("clusterIP").asText();
        assertThat(Cidr.parse("10.96.0.0/16").contains(ip)).as(ip).isTrue();
        assertThat(ip).isNotIn("10.96.0.0", "10.96.0.10", "10.96.255.255");
        assertThat(spec.path("clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
        assertThat(spec.path("type").asText()).isEqualTo("ClusterIP");
        assertThat(spec.path("sessionAffinity").asText()).isEqualTo("None");
        assertThat(spec.path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
        assertThat(spec.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(spec.path("internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(spec.at("/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(spec.at("/ports/0/targetPort").asInt()).isEqualTo(8080);
        await().atMost(WAIT).untilAsserted(() -> assertThat(gateway.cluster().records(Topics.ALLOCATIONS))
                .extracting(ConsumerRecord::key).contains("clusterIP/" + ip));
    }

    @Test
    void aRequestedClusterIpIsHonouredOnceAndRefusedWhenTakenOrOutsideTheRange() {
        Response first = post(service("requested-a", "ClusterIP", "{\"port\": 80}", "\"clusterIP\": \"10.96.7.7\""));
        Response second = post(service("requested-b", "ClusterIP", "{\"port\": 80}", "\"clusterIP\": \"10.96.7.7\""));
        Response outside = post(service("outside", "ClusterIP", "{\"port\": 80}", "\"clusterIP\": \"10.0.0.1\""));
        Response dns = post(service("dns", "ClusterIP", "{\"port\": 53}", "\"clusterIP\": \"10.96.0.10\""));

        assertThat(first.code()).isEqualTo(201);
        assertThat(first.at("/spec/clusterIP")).isEqualTo("10.96.7.7");
        assertThat(second.code()).isEqualTo(422);
        assertThat(second.at("/message")).isEqualTo("Service \"requested-b\" is invalid: spec.clusterIPs: Invalid value:"
                + " []string{\"10.96.7.7\"}: failed to allocate IP 10.96.7.7: provided IP is already allocated");
        assertThat(outside.code()).isEqualTo(422);
        assertThat(outside.at("/message")).isEqualTo("Service \"outside\" is invalid: spec.clusterIPs: Invalid value:"
                + " []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the"
                + " valid range. The range of valid IPs is 10.96.0.0/16");
        assertThat(dns.code()).as("the cluster DNS address is reserved").isEqualTo(422);
    }

    @Test
    void aNodePortServiceGetsANodePortOnEveryPortAndARequestedOneWhenFree() {
        Response allocated = post(service("np-auto", "NodePort", "{\"name\": \"http\", \"port\": 80},"
                + " {\"name\": \"https\", \"port\": 443}", null));
        Response requested = post(service("np-fixed", "NodePort", "{\"port\": 80, \"nodePort\": 30080}", null));
        Response taken = post(service("np-taken", "NodePort", "{\"port\": 81, \"nodePort\": 30080}", null));
        Response outside = post(service("np-outside", "NodePort", "{\"port\": 80, \"nodePort\": 8080}", null));

        assertThat(allocated.code()).as(allocated.body()).isEqualTo(201);
        int http = allocated.json().at("/spec/ports/0/nodePort").asInt();
        int https = allocated.json().at("/spec/ports/1/nodePort").asInt();
        assertThat(List.of(http, https)).allSatisfy(port -> assertThat(port).isBetween(30000, 32767));
        assertThat(http).isNotEqualTo(https);
        assertThat(allocated.at("/spec/externalTrafficPolicy")).isEqualTo("Cluster");
        assertThat(requested.json().at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.at("/message")).isEqualTo("Service \"np-taken\" is invalid: spec.ports[0].nodePort: Invalid value:"
                + " 30080: provided port is already allocated");
        assertThat(outside.at("/message")).isEqualTo("Service \"np-outside\" is invalid: spec.ports[0].nodePort: Invalid"
                + " value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void aReplaceWithoutTheAllocatedValuesKeepsThemAndOneChangingTheClusterIpIsRefused() {
        Response created = post(service("kept", "NodePort", "{\"name\": \"http\", \"port\": 80}", null));
        String ip = created.at("/spec/clusterIP");
        int nodePort = created.json().at("/spec/ports/0/nodePort").asInt();

        Response replaced = api.send(HttpMethod.PUT, SERVICES + "/kept", Api.JSON, Api.JSON,
                service("kept", "NodePort", "{\"name\": \"http\", \"port\": 80}", null).replace("\"spec\": {",
                        "\"spec\": {\"selector\": {\"app\": \"kept\"},"));
        ObjectNode changed = (ObjectNode) replaced.json().deepCopy();
        ((ObjectNode) changed.path("spec")).put("clusterIP", "10.96.99.99").remove("clusterIPs");
        Response refused = api.send(HttpMethod.PUT, SERVICES + "/kept", Api.JSON, Api.JSON, changed.toString());

        assertThat(replaced.code()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.at("/spec/clusterIP")).isEqualTo(ip);
        assertThat(replaced.json().at("/spec/ports/0/nodePort").asInt()).isEqualTo(nodePort);
        assertThat(replaced.at("/spec/selector/app")).isEqualTo("kept");
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.at("/message")).contains(
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.99.99\"}: may not change once set",
                "spec.clusterIP: Invalid value: \"10.96.99.99\": field is immutable");
    }

    @Test
    void deletingAServiceOrDroppingItsNodePortReleasesTheValuesForOthers() {
        assertThat(post(service("holder", "NodePort", "{\"port\": 80, \"nodePort\": 30999}",
                "\"clusterIP\": \"10.96.9.9\"")).code()).isEqualTo(201);
        assertThat(post(service("other-port", "NodePort", "{\"port\": 80, \"nodePort\": 30998}", null)).code())
                .isEqualTo(201);

        assertThat(api.delete(SERVICES + "/holder").code()).isEqualTo(200);
        Response typeChanged = api.send(HttpMethod.PUT, SERVICES + "/other-port", Api.JSON, Api.JSON,
                service("other-port", "ClusterIP", "{\"port\": 80}", null));

        assertThat(typeChanged.code()).as(typeChanged.body()).isEqualTo(200);
        assertThat(typeChanged.json().at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            Response again = post(service("successor", "NodePort", "{\"name\": \"a\", \"port\": 80, \"nodePort\": 30999},"
                    + " {\"name\": \"b\", \"port\": 81, \"nodePort\": 30998}", "\"clusterIP\": \"10.96.9.9\""));
            assertThat(again.code()).as(again.body()).isEqualTo(201);
        });
    }

    @Test
    void aClaimWhoseServiceWasNeverWrittenIsTakenOverOnceItIsOldButNotBefore() {
        Instant longAgo = Instant.now().minus(ServiceAllocator.RECLAIM_AFTER).minusSeconds(60);
        claimAsAGatewayThatStopped("clusterIP/10.96.8.1", "default/never-written", longAgo);
        claimAsAGatewayThatStopped("clusterIP/10.96.8.2", "default/being-written", Instant.now());
        await().atMost(WAIT).untilAsserted(() -> assertThat(gateway.cluster().records(Topics.ALLOCATIONS))
                .extracting(ConsumerRecord::key).contains("clusterIP/10.96.8.1", "clusterIP/10.96.8.2"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(post(service("taker", "ClusterIP", "{\"port\": 80}",
                "\"clusterIP\": \"10.96.8.1\"")).code()).isEqualTo(201));
        Response fresh = post(service("too-early", "ClusterIP", "{\"port\": 80}", "\"clusterIP\": \"10.96.8.2\""));

        assertThat(fresh.code()).isEqualTo(422);
        assertThat(fresh.at("/message")).contains("provided IP is already allocated");
    }

    @Test
    void endpointSlicesAndEndpointsAreServedReadOnly() {
        EndpointSlice slice = EndpointSlice.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-x1y2z").setNamespace("default")
                        .setCreationTimestamp(Instant.now()).build())
                .setEndpoints(List.of(Endpoint.newBuilder().setAddresses(List.of("10.244.1.5")).build()))
                .setPorts(List.of(EndpointPort.newBuilder().setPort(8080).setProtocol("TCP").build()))
                .build();
        gateway.cluster().publish(Topics.ENDPOINT_SLICES, "default/web-x1y2z", slice);

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(SLICES + "/web-x1y2z").code()).isEqualTo(200));
        assertThat(api.get(SLICES).json().path("kind").asText()).isEqualTo("EndpointSliceList");
        Response table = api.send(HttpMethod.GET, SLICES, TABLE, null, null);
        assertThat(table.json().at("/rows/0/cells").toString())
                .startsWith("[\"web-x1y2z\",\"IPv4\",\"8080\",\"10.244.1.5\"");
        Response written = api.send(HttpMethod.POST, SLICES, Api.JSON, Api.JSON, Api.json(slice));
        Response deleted = api.delete(SLICES + "/web-x1y2z");
        Response endpoints = api.send(HttpMethod.POST, "/api/v1/namespaces/default/endpoints", Api.JSON, Api.JSON,
                "{\"apiVersion\": \"v1\", \"kind\": \"Endpoints\", \"metadata\": {\"name\": \"web\"}}");

        assertThat(written.code()).isEqualTo(405);
        assertThat(written.at("/reason")).isEqualTo("MethodNotAllowed");
        assertThat(written.at("/message")).contains("written by korch's endpoints controller");
        assertThat(deleted.code()).isEqualTo(405);
        assertThat(endpoints.code()).isEqualTo(405);
    }

    @Test
    void servicesAndTheDiscoveryGroupAreInDiscovery() {
        JsonNode core = api.get("/api/v1").json();
        JsonNode groups = api.get("/apis").json();
        JsonNode discovery = api.get("/apis/discovery.k8s.io/v1").json();

        assertThat(core.findValues("name").toString()).contains("\"services\"", "\"endpoints\"");
        assertThat(resource(core, "services").path("shortNames").toString()).isEqualTo("[\"svc\"]");
        assertThat(resource(core, "endpoints").path("verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]");
        assertThat(groups.findValues("name").toString()).contains("\"discovery.k8s.io\"");
        assertThat(resource(discovery, "endpointslices").path("verbs").toString())
                .isEqualTo("[\"get\",\"list\",\"watch\"]");
    }

    @Test
    void aLoadBalancerIsPendingInTheServersTable() {
        assertThat(post(service("lb", "LoadBalancer", "{\"port\": 80}", null)).code()).isEqualTo(201);

        Response table = api.send(HttpMethod.GET, SERVICES + "/lb", TABLE, null, null);

        JsonNode cells = table.json().at("/rows/0/cells");
        assertThat(cells.get(1).asText()).isEqualTo("LoadBalancer");
        assertThat(cells.get(3).asText()).isEqualTo("<pending>");
        assertThat(cells.get(4).asText()).matches("80:3\\d{4}/TCP");
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError(name + " is not listed in " + list);
    }

    private Response post(String body) {
        return api.send(HttpMethod.POST, SERVICES, Api.JSON, Api.JSON, body);
    }

    /** A claim made through the change log by a gateway that stopped before writing its Service. */
    private void claimAsAGatewayThatStopped(String key, String objectKey, Instant claimedAt) {
        Allocation allocation = Allocation.newBuilder().setKind("Service").setObjectKey(objectKey)
                .setUid(UUID.randomUUID().toString()).setClaimedAt(claimedAt).build();
        byte[] value = Topics.ALLOCATIONS.valueSerde().serializer().serialize(Topics.ALLOCATIONS.name(), allocation);
        WriteRequest request = WriteRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setGateway("gw-stopped")
                .setTopic(Topics.ALLOCATIONS.name())
                .setKey(key)
                .setValue(ByteBuffer.wrap(value))
                .setPreconditions(new ArrayList<>(List.of(Precondition.newBuilder().setType(PreconditionType.ABSENT)
                        .setTopic(Topics.ALLOCATIONS.name()).setKey(key).setRevision(0).build())))
                .setActor("gateway/gw-stopped")
                .setRequestedAt(claimedAt)
                .build();
        gateway.cluster().publish(Topics.WRITE_REQUESTS, Keys.changed(Topics.ALLOCATIONS.name(), key), request);
    }

    private static String service(String name, String type, String ports, String extra) {
        return """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s"},
                 "spec": {"type": "%s", "ports": [%s]%s}}""".formatted(name, type, ports,
                extra == null ? "" : ", " + extra);
    }
}

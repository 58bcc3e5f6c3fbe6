package io.korch.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.korch.cli.output.ApiResourceTables;
import io.korch.cli.output.TableHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery client against canned Kubernetes-shaped documents, and {@code api-resources}
 * tables compared with what kubectl 1.32 prints for the same documents.
 */
class DiscoveryTest {

    private static final Map<String, String> DOCUMENTS = Map.of(
            "/api/v1", """
                    {"kind":"APIResourceList","groupVersion":"v1","resources":[
                      {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod",
                       "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"]},
                      {"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]},
                      {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace",
                       "verbs":["create","delete","get","list","watch"],"shortNames":["ns"]},
                      {"name":"events","singularName":"event","namespaced":true,"kind":"Event",
                       "verbs":["watch","create","get","list"],"shortNames":["ev"]}]}""",
            "/apis", """
                    {"kind":"APIGroupList","apiVersion":"v1","groups":[
                      {"name":"coordination.k8s.io","versions":[{"groupVersion":"coordination.k8s.io/v1","version":"v1"}],
                       "preferredVersion":{"groupVersion":"coordination.k8s.io/v1","version":"v1"}},
                      {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"},{"groupVersion":"apps/v1beta1","version":"v1beta1"}],
                       "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}""",
            "/apis/apps/v1", """
                    {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[
                      {"name":"replicasets","singularName":"replicaset","namespaced":true,"kind":"ReplicaSet",
                       "verbs":["get","list"],"shortNames":["rs"],"categories":["all"]},
                      {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment",
                       "verbs":["create","delete","get","list","watch"],"shortNames":["deploy"],"categories":["all"]},
                      {"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1",
                       "kind":"Scale","verbs":["get","patch","update"]}]}""",
            "/apis/coordination.k8s.io/v1", """
                    {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"coordination.k8s.io/v1","resources":[
                      {"name":"leases","singularName":"lease","namespaced":true,"kind":"Lease","verbs":["get","list"]}]}""");

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ApiClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            String body = DOCUMENTS.getOrDefault(path, "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(DOCUMENTS.containsKey(path) ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readsTheCoreGroupAndThePreferredVersionOfEachGroupWithoutSubresources() {
        // when
        List<ApiResource> resources = new Discovery(client).resources();

        // then
        assertThat(resources).extracting(ApiResource::qualifiedName).containsExactly(
                "pods", "namespaces", "events", "leases.coordination.k8s.io", "replicasets.apps", "deployments.apps");
        assertThat(requested).containsExactly("/api/v1", "/apis", "/apis/coordination.k8s.io/v1", "/apis/apps/v1");
        assertThat(resources.get(0)).isEqualTo(new ApiResource("pods", List.of("po"), "v1", true, "Pod",
                List.of("create", "delete", "get", "list", "patch", "update", "watch"), List.of("all")));
    }

    @Test
    void printsKubectlsTableSortedByGroupThenName() {
        // when
        String table = ApiResourceTables.table(sorted(), false).render();

        // then
        assertThat(table).isEqualTo("""
                NAME          SHORTNAMES   APIVERSION               NAMESPACED   KIND
                events        ev           v1                       true         Event
                namespaces    ns           v1                       false        Namespace
                pods          po           v1                       true         Pod
                deployments   deploy       apps/v1                  true         Deployment
                replicasets   rs           apps/v1                  true         ReplicaSet
                leases                     coordination.k8s.io/v1   true         Lease
                """);
    }

    @Test
    void printsVerbsSortedAndCategoriesWhenWide() {
        // when
        String table = ApiResourceTables.table(sorted(), true).render();

        // then
        assertThat(table.lines().toList()).startsWith(
                "NAME          SHORTNAMES   APIVERSION               NAMESPACED   KIND         VERBS"
                        + "                                       CATEGORIES",
                "events        ev           v1                       true         Event        create,get,list,watch");
        assertThat(table).contains("create,delete,get,list,patch,update,watch   all\n");
    }

    @Test
    void printsQualifiedNamesAndHeaderlessTables() {
        // when
        List<ApiResource> resources = sorted();

        // then
        assertThat(ApiResourceTables.names(resources)).isEqualTo(
                "events\nnamespaces\npods\ndeployments.apps\nreplicasets.apps\nleases.coordination.k8s.io\n");
        assertThat(TableHeaders.render(ApiResourceTables.table(resources.subList(0, 2), false), false)).isEqualTo("""
                events       ev   v1   true    Event
                namespaces   ns   v1   false   Namespace
                """);
    }

    private List<ApiResource> sorted() {
        return new Discovery(client).resources().stream().sorted(ApiResourceTables.BY_GROUP_AND_NAME).toList();
    }
}

package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopTablesTest {

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode podMetrics(String namespace, String name, String... containers) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < containers.length; i += 3) {
            items.append(i == 0 ? "" : ",").append("{\"name\":\"").append(containers[i])
                    .append("\",\"usage\":{\"cpu\":\"").append(containers[i + 1]).append("\",\"memory\":\"")
                    .append(containers[i + 2]).append("\"}}");
        }
        return json("{\"kind\":\"PodMetrics\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
                + "\"},\"window\":\"15s\",\"containers\":[" + items + "]}");
    }

    @Test
    void cpuIsWholeMillicoresRoundedUpAndMemoryWholeMebibytesRoundedDown() {
        assertThat(TopTables.cpu(12_000_001L)).isEqualTo("13m");
        assertThat(TopTables.cpu(500_000_000L)).isEqualTo("500m");
        assertThat(TopTables.cpu(0)).isEqualTo("0m");
        assertThat(TopTables.memory(34L * 1024 * 1024 + 1023)).isEqualTo("34Mi");
        assertThat(TopTables.memory(512 * 1024)).isEqualTo("0Mi");
        assertThat(TopTables.percent(1250, 2000)).isEqualTo("62%");
        assertThat(TopTables.percent(1, 0)).isEqualTo("<unknown>");
    }

    @Test
    void aPodsRowSumsItsContainers() {
        Table table = TopTables.pods(List.of(podMetrics("shop", "web", "app", "498765432n", "12345Ki",
                "sidecar", "2m", "4Mi")), false, false);

        assertThat(table.render()).isEqualTo("""
                NAME   CPU(cores)   MEMORY(bytes)
                web    501m         16Mi
                """);
    }

    @Test
    void withContainersEachContainerHasARowAndWithAllNamespacesTheNamespaceComesFirst() {
        Table table = TopTables.pods(List.of(podMetrics("shop", "web", "app", "250m", "64Mi", "sidecar", "1m", "1Mi"),
                podMetrics("tools", "debug", "sh", "0", "1Mi")), true, true);

        assertThat(table.render()).isEqualTo("""
                NAMESPACE   POD     NAME      CPU(cores)   MEMORY(bytes)
                shop        web     app       250m         64Mi
                shop        web     sidecar   1m           1Mi
                tools       debug   sh        0m           1Mi
                """);
    }

    @Test
    void nodesShowTheirShareOfAllocatableAndNodesWithoutMetricsAreUnknown() {
        JsonNode metrics = json("""
                {"kind":"NodeMetrics","metadata":{"name":"node-1"},"usage":{"cpu":"1250m","memory":"3Gi"}}""");
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        nodes.put("node-1", json("""
                {"metadata":{"name":"node-1"},"status":{"capacity":{"cpu":"4","memory":"16Gi"},
                 "allocatable":{"cpu":"2","memory":"8Gi"}}}"""));
        nodes.put("node-2", json("""
                {"metadata":{"name":"node-2"},"status":{"capacity":{"cpu":"2","memory":"4Gi"}}}"""));

        assertThat(TopTables.nodes(List.of(metrics), nodes).render()).isEqualTo("""
                NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)
                node-1   1250m        62%         3072Mi          37%
                node-2   <unknown>    <unknown>   <unknown>       <unknown>
                """);
    }
}

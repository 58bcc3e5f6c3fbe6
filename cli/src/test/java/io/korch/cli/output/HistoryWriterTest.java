package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HistoryWriterTest {

    /** A deployment created, scaled to 3, then deleted, as {@code GET .../deployments/web/history} answers. */
    private static final String HISTORY = """
            {"apiVersion":"korch.io/v1","kind":"ObjectHistory","metadata":{"resourceVersion":"1800"},"items":[
             {"revision":"1796","time":"2026-12-01T20:00:00.123Z","actor":"gateway/gw-1a2b3c4d","type":"ADDED",
              "object":{"metadata":{"name":"web","namespace":"default","resourceVersion":"1796"},
                        "spec":{"replicas":1,"paused":false},"status":{"replicas":0}}},
             {"revision":"1797","time":"2026-12-01T20:00:05.000Z","actor":"gateway/gw-1a2b3c4d","type":"MODIFIED",
              "object":{"metadata":{"name":"web","namespace":"default","resourceVersion":"1797"},
                        "spec":{"replicas":3,"paused":false},"status":{"replicas":0}}},
             {"revision":"1799","time":"2026-12-01T20:01:00.000Z","actor":"gateway/gw-5e6f7a8b","type":"DELETED",
              "object":{"metadata":{"name":"web","namespace":"default","resourceVersion":"1799"},
                        "spec":{"replicas":3,"paused":false},"status":{"replicas":0}}}]}
            """;

    @Test
    void tabulatesTheVersionsThenDiffsEachFromTheOneBefore() throws IOException {
        // when
        String text = HistoryWriter.summary(ApiKind.DEPLOYMENT, ApiJson.MAPPER.readTree(HISTORY));

        // then
        assertThat(text).isEqualTo("""
                REVISION   TIME                       ACTOR                 CHANGE
                1796       2026-12-01T20:00:00.123Z   gateway/gw-1a2b3c4d   ADDED
                1797       2026-12-01T20:00:05.000Z   gateway/gw-1a2b3c4d   MODIFIED
                1799       2026-12-01T20:01:00.000Z   gateway/gw-5e6f7a8b   DELETED

                --- revision 1796 (ADDED)
                +++ revision 1797 at 2026-12-01T20:00:05.000Z by gateway/gw-1a2b3c4d (MODIFIED)
                @@ -4,7 +4,7 @@
                   name: web
                   namespace: default
                 spec:
                -  replicas: 1
                +  replicas: 3
                   paused: false
                 status:
                   replicas: 0

                --- revision 1797 (MODIFIED)
                +++ revision 1799 at 2026-12-01T20:01:00.000Z by gateway/gw-5e6f7a8b (DELETED)
                (object unchanged)
                """);
    }

    @Test
    void printsEveryFullVersionAsAYamlDocumentUnderItsTitle() throws IOException {
        // given
        JsonNode history = ApiJson.MAPPER.readTree(HISTORY);

        // when
        String text = HistoryWriter.yaml(ApiKind.DEPLOYMENT, history);

        // then
        assertThat(text).startsWith("""
                # revision 1796 at 2026-12-01T20:00:00.123Z by gateway/gw-1a2b3c4d (ADDED)
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  resourceVersion: "1796"
                spec:
                  replicas: 1
                """);
        assertThat(text).contains("---\n# revision 1797 at 2026-12-01T20:00:05.000Z by gateway/gw-1a2b3c4d (MODIFIED)\n");
        assertThat(text.split("\n---\n")).hasSize(3);
    }
}

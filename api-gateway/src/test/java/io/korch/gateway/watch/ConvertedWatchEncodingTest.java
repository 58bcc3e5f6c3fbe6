package io.korch.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.gateway.printing.Conversion;
import io.korch.gateway.printing.Conversion.Target;
import io.korch.gateway.printing.IncludeObject;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import io.korch.testkit.ClusterEvents;
import io.korch.testkit.Pods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Watch events whose objects are one-row Tables or PartialObjectMetadata, as kubectl get -w and metadata informers ask. */
class ConvertedWatchEncodingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Pod web = Pods.pod("web-1").nodeName("node-1").created(NOW.minusSeconds(30)).build();

    @Test
    void eachEventIsAOneRowTableAndOnlyTheFirstCarriesTheColumns() throws IOException {
        WatchEncoding encoding = ConvertedWatchEncoding.of(new Conversion(Target.TABLE, "v1"), IncludeObject.METADATA,
                CLOCK);

        JsonNode added = event(encoding.line(change(ObjectChange.Type.ADDED, web)));
        JsonNode deleted = event(encoding.line(change(ObjectChange.Type.DELETED, web)));

        assertThat(added.path("type").asText()).isEqualTo("ADDED");
        assertThat(added.at("/object/kind").asText()).isEqualTo("Table");
        assertThat(added.at("/object/columnDefinitions")).hasSize(7);
        assertThat(added.at("/object/rows")).hasSize(1);
        assertThat(added.at("/object/rows/0/cells").toString())
                .isEqualTo("[\"web-1\",\"0/1\",\"Pending\",\"0\",\"30s\",\"<none>\",\"node-1\"]");
        assertThat(added.at("/object/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
        assertThat(deleted.at("/object/columnDefinitions").isNull()).isTrue();
        assertThat(deleted.at("/object/rows/0/cells/0").asText()).isEqualTo("web-1");
    }

    @Test
    void eventsGetTheEventColumns() throws IOException {
        Event event = ClusterEvents.about("Pod", "web-1").at(NOW.minusSeconds(5)).build();
        WatchEncoding encoding = ConvertedWatchEncoding.of(new Conversion(Target.TABLE, "v1"), IncludeObject.NONE,
                CLOCK);

        JsonNode line = event(encoding.line(new ObjectChange(3, ApiKind.EVENT, "default/" + event.getMetadata().getName(),
                ObjectChange.Type.ADDED, event)));

        assertThat(line.at("/object/columnDefinitions/0/name").asText()).isEqualTo("Last Seen");
        assertThat(line.at("/object/rows/0/cells/3").asText()).isEqualTo("pod/web-1");
        assertThat(line.at("/object/rows/0").has("object")).isFalse();
    }

    @Test
    void objectsAndBookmarksBecomePartialObjectMetadata() throws IOException {
        WatchEncoding encoding = ConvertedWatchEncoding.of(new Conversion(Target.PARTIAL_OBJECT_METADATA, "v1"),
                IncludeObject.METADATA, CLOCK);

        JsonNode modified = event(encoding.line(change(ObjectChange.Type.MODIFIED, web)));

        assertThat(modified.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(modified.at("/object/metadata/name").asText()).isEqualTo("web-1");
        assertThat(modified.at("/object").has("spec")).isFalse();
        assertThat(encoding.bookmark("v1", "Pod", "12").toString()).isEqualTo(
                "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"12\"}}");
    }

    @Test
    void aWatchWithoutAConversionOrAskingForAListWritesTheObjects() {
        assertThat(ConvertedWatchEncoding.of(null, IncludeObject.METADATA, CLOCK)).isSameAs(WatchEncoding.OBJECTS);
        assertThat(ConvertedWatchEncoding.of(new Conversion(Target.PARTIAL_OBJECT_METADATA_LIST, "v1"),
                IncludeObject.METADATA, CLOCK)).isSameAs(WatchEncoding.OBJECTS);
    }

    private static ObjectChange change(ObjectChange.Type type, Pod pod) {
        return new ObjectChange(7, ApiKind.POD, "default/" + pod.getMetadata().getName(), type, pod);
    }

    private static JsonNode event(byte[] line) throws IOException {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        return ApiJson.MAPPER.readTree(text);
    }
}

package io.korch.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.testing.Cli;
import io.korch.cli.testing.Fixtures;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectStreamTest {

    private final StringWriter text = new StringWriter();

    @Test
    void printsTheHeaderOnceAndWidensColumnsWithoutNarrowingThem() {
        // given
        ObjectStream stream = stream(null);

        // when
        stream.print(List.of(pod("web-1")));
        stream.print(List.of(pod("a-much-longer-name")));
        stream.print(List.of(pod("db")));

        // then
        assertThat(text.toString()).isEqualTo("""
                NAME    READY   STATUS    RESTARTS   AGE
                web-1   0/1     Pending   0          5m
                a-much-longer-name   0/1     Pending   0          5m
                db                   0/1     Pending   0          5m
                """);
    }

    @Test
    void separatesYamlDocumentsWithThreeDashes() {
        // given
        ObjectStream stream = stream(OutputFormat.yaml);

        // when
        stream.print(List.of(pod("web-1"), pod("web-2")));
        stream.print(List.of(pod("web-3")));

        // then
        String[] documents = text.toString().split("---\n");
        assertThat(documents).hasSize(3);
        assertThat(documents[0]).startsWith("apiVersion: v1\nkind: Pod\n");
        assertThat(documents[2]).contains("name: web-3");
    }

    @Test
    void printsNothingForAnEmptyBatch() {
        // when
        stream(null).print(List.of());

        // then
        assertThat(text.toString()).isEmpty();
    }

    private ObjectStream stream(OutputFormat format) {
        return new ObjectStream(ApiKind.POD, format, false, Clock.fixed(Cli.NOW, ZoneOffset.UTC), new PrintWriter(text));
    }

    private static JsonNode pod(String name) {
        return ApiJson.write(Fixtures.pod(name).build());
    }
}

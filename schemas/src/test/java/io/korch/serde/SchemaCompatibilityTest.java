package io.korch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps schema changes backward compatible: the current schema of every topic must read data
 * written with every released schema kept under {@code schema-history/<version>/}.
 *
 * <p>When a release changes a schema, copy the new writer schemas into a new version folder.
 */
class SchemaCompatibilityTest {

    private static final Path HISTORY = history();
    /** Kinds whose topic was retired, listed in {@code schema-history/RETIRED}: nothing reads them any more. */
    private static final Set<String> RETIRED = retired();

    @TestFactory
    Stream<DynamicTest> currentSchemasReadEveryReleasedSchema() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(HISTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema released = new Schema.Parser().parse(file.toFile());
                if (RETIRED.contains(released.getName())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(HISTORY.relativize(file).toString(), () -> {
                    Schema current = currentSchema(released.getFullName());
                    SchemaCompatibility.SchemaPairCompatibility result =
                            SchemaCompatibility.checkReaderWriterCompatibility(current, released);
                    assertThat(result.getType())
                            .as("%s can read data written with %s: %s", released.getFullName(), file,
                                    result.getDescription())
                            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyTopicSchemaHasAReleasedSnapshot() throws IOException {
        List<String> snapshotted;
        try (Stream<Path> files = Files.walk(HISTORY)) {
            snapshotted = files.map(f -> f.getFileName().toString().replace(".avsc", "")).toList();
        }
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic.valueSerde() instanceof AvroSerde<?> serde) {
                assertThat(snapshotted).as("schema of %s is kept in schema-history", topic.name())
                        .contains(serde.schema().getName());
            }
        }
    }

    @Test
    void removingAFieldWithoutDefaultIsDetectedAsIncompatible() {
        Schema old = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema changed = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                        + "{\"name\":\"b\",\"type\":\"int\"}]}");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, old).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Schema currentSchema(String fullName) {
        return Topics.ALL.stream()
                .filter(t -> t.valueSerde() instanceof AvroSerde<?>)
                .map(t -> ((AvroSerde<?>) t.valueSerde()).schema())
                .filter(s -> s.getFullName().equals(fullName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no topic carries " + fullName + " any more"));
    }

    private static Set<String> retired() {
        try {
            return Files.readAllLines(HISTORY.resolve("RETIRED")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")[0])
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRetiredKindIsCarriedByNoTopic() {
        assertThat(RETIRED).isNotEmpty().allSatisfy(kind -> assertThat(Topics.ALL)
                .filteredOn(t -> t.valueSerde() instanceof AvroSerde<?> serde && serde.schema().getName().equals(kind))
                .isEmpty());
    }

    private static Path history() {
        try {
            return Path.of(SchemaCompatibilityTest.class.getResource("/schema-history").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

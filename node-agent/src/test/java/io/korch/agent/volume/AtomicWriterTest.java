package io.korch.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.agent.volume.AtomicWriter.FileProjection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volume files written the kubelet's way: a timestamped version, swapped in by the {@code ..data} link. */
class AtomicWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T01:46:32Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void writesEachKeyAsALinkIntoTheCurrentVersion() throws IOException {
        // when
        boolean changed = writer().write(Map.of("mode", file("fast", 0644), "conf/app.yaml", file("a: 1", 0600)));

        // then
        assertThat(changed).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).startsWith("..2026_12_02_01_46_32.");
        assertThat(Files.readSymbolicLink(dir.resolve("mode"))).isEqualTo(Path.of("..data/mode"));
        assertThat(Files.readSymbolicLink(dir.resolve("conf"))).isEqualTo(Path.of("..data/conf"));
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("fast");
        assertThat(Files.readString(dir.resolve("conf/app.yaml"))).isEqualTo("a: 1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("conf/app.yaml"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("mode"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void anUpdateSwapsInANewVersionAndDeletesTheOld() throws IOException {
        // given
        AtomicWriter writer = writer();
        writer.write(Map.of("mode", file("fast", 0644)));
        Path first = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));

        // when
        boolean changed = writer.write(Map.of("mode", file("slow", 0644)));

        // then
        assertThat(changed).isTrue();
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("slow");
        assertThat(first).doesNotExist();
        assertThat(versions()).hasSize(1);
    }

    @Test
    void removedKeysDisappearAndNewOnesAppear() throws IOException {
        // given
        AtomicWriter writer = writer();
        writer.write(Map.of("a", file("1", 0644), "b", file("2", 0644)));

        // when
        writer.write(Map.of("b", file("2", 0644), "c", file("3", 0644)));

        // then
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(Files.exists(dir.resolve("a"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("2");
        assertThat(Files.readString(dir.resolve("c"))).isEqualTo("3");
    }

    @Test
    void writingTheSameFilesAgainChangesNothing() throws IOException {
        // given
        AtomicWriter writer = writer();
        writer.write(Map.of("a", file("1", 0644)));
        Path version = Files.readSymbolicLink(dir.resolve("..data"));

        // when
        boolean changed = writer.write(Map.of("a", file("1", 0644)));

        // then
        assertThat(changed).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(version);
    }

    @Test
    void aChangedModeAloneIsAnUpdate() throws IOException {
        // given
        AtomicWriter writer = writer();
        writer.write(Map.of("a", file("1", 0644)));

        // when
        boolean changed = writer.write(Map.of("a", file("1", 0400)));

        // then
        assertThat(changed).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
                .isEqualTo("r--------");
    }

    @Test
    void anEmptyPayloadLeavesOnlyTheDataLink() throws IOException {
        // given
        AtomicWriter writer = writer();
        writer.write(Map.of("a", file("1", 0644)));

        // when
        writer.write(Map.of());

        // then
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..2026")))
                    .containsExactly("..data");
        }
    }

    @Test
    void refusesPathsThatLeaveTheVolume() {
        for (String path : List.of("/etc/passwd", "../x", "a/../../x", "..data", "")) {
            assertThatThrownBy(() -> writer().write(Map.of(path, file("x", 0644))))
                    .as(path).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private AtomicWriter writer() {
        return new AtomicWriter(dir, null, CLOCK);
    }

    private List<Path> versions() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("..2026")).toList();
        }
    }

    private static FileProjection file(String content, int mode) {
        return new FileProjection(content.getBytes(StandardCharsets.UTF_8), mode);
    }
}

package io.korch.agent.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.korch.agent.runtime.LogRequest;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.StreamHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogsTest {

    private static final String FIRST_RUN = "one\ntwo\n";

    @TempDir
    Path dir;

    @Test
    void theLatestRunStartsAtItsOffsetAndThePreviousRunsEndThere() throws Exception {
        Path file = write(FIRST_RUN + "three\nfour\n");

        assertThat(read(file, new LogRequest(false, false, null, null))).isEqualTo("three\nfour\n");
        assertThat(read(file, new LogRequest(true, false, null, null))).isEqualTo(FIRST_RUN);
        assertThat(read(file, new LogRequest(false, false, null, 1))).isEqualTo("four\n");
    }

    @Test
    void followingSeesAppendedLinesUntilTheProcessEnds() throws Exception {
        Path file = write(FIRST_RUN + "three\n");
        AtomicBoolean running = new AtomicBoolean(true);
        Collected collected = new Collected();

        try (StreamHandle ignored = ProcessLogs.stream(file, FIRST_RUN.length(), new LogRequest(false, true, null, null),
                running::get, collected)) {
            Files.writeString(file, "four\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(10)).until(() -> collected.text.toString().equals("three\nfour\n"));
            running.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> collected.ended);
        }
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("c.log");
        Files.writeString(file, text);
        return file;
    }

    private static String read(Path file, LogRequest request) {
        Collected collected = new Collected();
        ProcessLogs.stream(file, FIRST_RUN.length(), request, () -> false, collected);
        assertThat(collected.ended).isTrue();
        return collected.text.toString();
    }

    private static final class Collected implements LogSink {
        final StringBuffer text = new StringBuffer();
        volatile boolean ended;

        @Override
        public void entry(Instant time, byte[] bytes) {
            text.append(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void end(Throwable failure) {
            ended = true;
        }
    }
}

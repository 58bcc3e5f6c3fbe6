package io.korch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, the HTTP load generator, as a process of its own with one of the Lua scripts of
 * {@code benchmarks/scripts}, and reads the {@code RESULT} line the scripts' {@code done()} prints
 * (see {@code wrk-common.lua}). wrk is bounded by its own {@code -d}; this waits at most 60 s past it.
 */
final class Wrk {

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

    /**
     * What one wrk run measured. Latencies in microseconds, from writing a request to reading its answer.
     *
     * @param errors connect, read, write and timeout errors plus answers with a status above 399
     */
    record Result(long requests, long durationMicros, long errors, long p50, long p90, long p99, long p999,
                  long max, long mean) {

        double perSecond() {
            return requests * 1e6 / Math.max(1, durationMicros);
        }

        static Result parse(String output) {
            String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT line:\n" + output));
            Map<String, Long> fields = new HashMap<>();
            Matcher matcher = FIELD.matcher(line);
            while (matcher.find()) {
                fields.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
            long errors = fields.get("errors_connect") + fields.get("errors_read") + fields.get("errors_write")
                    + fields.get("errors_status") + fields.get("errors_timeout");
            return new Result(fields.get("requests"), fields.get("duration_us"), errors, fields.get("p50_us"),
                    fields.get("p90_us"), fields.get("p99_us"), fields.get("p999_us"), fields.get("max_us"),
                    fields.get("mean_us"));
        }
    }

    private final Path scripts;
    private final Path logDir;

    /** wrk with the scripts in {@code scripts}, its output kept in {@code logDir}. */
    Wrk(Path scripts, Path logDir) {
        this.scripts = scripts.toAbsolutePath();
        this.logDir = logDir;
    }

    /** Whether the wrk and the scripts it needs are there; empty when they are, else what is missing. */
    static String missing(Path scripts) {
        if (!Executables.onPath("wrk")) {
            return "wrk is not installed (apt-get install wrk)";
        }
        if (!Files.isRegularFile(scripts.resolve("wrk-common.lua"))) {
            return "no wrk scripts in " + scripts.toAbsolutePath() + " (run from the repository root, or pass --scripts DIR)";
        }
        return "";
    }

    /**
     * Runs {@code script} against {@code url} for {@code duration}.
     *
     * @param label         names the log file
     * @param runId         makes object names unique across runs: lower-case letters and digits
     * @param ratePerThread requests per second per wrk thread, 0 for as fast as answers come
     */
    Result run(String label, String script, String url, int threads, int connections, Duration duration, String runId,
               int ratePerThread) {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", scripts.resolve(script).toString(), url, "--", runId,
                Integer.toString(ratePerThread));
        Path log = logDir.resolve("wrk-" + label + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KORCH_WRK_SCRIPTS", scripts.toString());
            Process process = builder.start();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not end 60 s after its duration; see " + log);
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with " + process.exitValue() + ":\n" + output);
            }
            return Result.parse(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk runs", e);
        }
    }
}

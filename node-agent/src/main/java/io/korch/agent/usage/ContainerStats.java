package io.korch.agent.usage;

import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One reading of a running container's cumulative CPU time and its memory working set, as the container
 * runtime's stats give them.
 *
 * @param readAt        when the runtime read the container's cgroup
 * @param cpuUsageNanos the CPU time the container used since it started, in nanoseconds ({@code cpu_usage.total_usage})
 * @param workingSet    memory in use minus the inactive file cache, in bytes, as the kubelet and {@code docker stats}
 *                      count it
 */
public record ContainerStats(Instant readAt, long cpuUsageNanos, long workingSet) {

    /**
     * The reading in Docker's stats of a container, or empty when they hold none (a container that no longer
     * runs has no read time nor CPU figures). The working set subtracts {@code total_inactive_file} on cgroup v1
     * and {@code inactive_file} on cgroup v2, as {@code docker stats} does.
     */
    public static Optional<ContainerStats> of(Statistics stats) {
        if (stats == null || stats.getRead() == null || stats.getCpuStats() == null
                || stats.getCpuStats().getCpuUsage() == null || stats.getCpuStats().getCpuUsage().getTotalUsage() == null
                || stats.getMemoryStats() == null || stats.getMemoryStats().getUsage() == null) {
            return Optional.empty();
        }
        Instant readAt;
        try {
            readAt = Instant.parse(stats.getRead());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (readAt.getEpochSecond() <= 0) {
            return Optional.empty(); // the zero time Docker gives a container that stopped
        }
        return Optional.of(new ContainerStats(readAt, stats.getCpuStats().getCpuUsage().getTotalUsage(),
                workingSet(stats.getMemoryStats())));
    }

    /** Usage minus the inactive file cache: {@code total_inactive_file} (cgroup v1) or {@code inactive_file} (v2). */
    static long workingSet(MemoryStatsConfig memory) {
        long usage = memory.getUsage();
        StatsConfig details = memory.getStats();
        if (details == null) {
            return usage;
        }
        Long inactive = details.getTotalInactiveFile() != null ? details.getTotalInactiveFile()
                : details.getInactiveFile();
        return inactive != null && inactive < usage ? usage - inactive : usage;
    }

    /**
     * The average CPU use between {@code earlier} and this reading of the same container, in billionths of a
     * core; empty when the two do not make a window (not later, or the counter went back: the container restarted).
     */
    public Optional<Long> nanoCoresSince(ContainerStats earlier) {
        long elapsedNanos = earlier.readAt.until(readAt, ChronoUnit.NANOS);
        long used = cpuUsageNanos - earlier.cpuUsageNanos;
        if (elapsedNanos <= 0 || used < 0) {
            return Optional.empty();
        }
        // used * 1e9 / elapsed overflows a long beyond 9 core-seconds; a double is exact enough for a rate
        return Optional.of(Math.round(used * 1e9 / elapsedNanos));
    }
}

package io.korch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time a process used, from Linux' {@code /proc/PID/stat} (user + system, in clock ticks of 10 ms). */
final class ProcessCpu {

    /** The kernel's USER_HZ, 100 on every Linux this runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU milliseconds used so far by process {@code pid}; -1 where /proc does not tell. */
    static long millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name, in parentheses, may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU milliseconds used so far by this JVM. */
    static long self() {
        return millis(ProcessHandle.current().pid());
    }
}

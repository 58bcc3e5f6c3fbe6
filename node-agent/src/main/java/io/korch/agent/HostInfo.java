package io.korch.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * Facts about the machine an agent runs on, in Kubernetes' spelling ({@code linux}, {@code amd64}).
 *
 * @param processors   available processors
 * @param memoryBytes  total physical memory
 * @param os           operating system, such as {@code linux}
 * @param architecture cpu architecture, such as {@code amd64} or {@code arm64}
 */
public record HostInfo(int processors, long memoryBytes, String os, String architecture) {

    /** This machine. */
    public static HostInfo current() {
        return new HostInfo(Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(" ", ""),
                architecture(System.getProperty("os.arch", "unknown")));
    }

    /** Kubernetes' name for a JVM {@code os.arch}: {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}. */
    static String architecture(String javaArch) {
        return switch (javaArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> javaArch;
        };
    }

    private static long totalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}

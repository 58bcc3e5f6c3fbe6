package io.korch.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds programs the benchmarks run (wrk, etcd) on the {@code PATH}. */
final class Executables {

    private Executables() {
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}

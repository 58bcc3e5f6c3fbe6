package io.korch.agent.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a set of files into a directory so that a reader never sees a half-written set, the way the
 * kubelet's {@code AtomicWriter} updates ConfigMap, Secret and downward API volumes:
 *
 * <pre>
 * target/
 *   ..2026_12_02_01_46_32.123456789/   the files of one version, written first
 *   ..data -&gt; ..2026_12_02_01_46_32.123456789   swapped in one rename
 *   key -&gt; ..data/key                   one link per top-level path, created once
 * </pre>
 *
 * <p>A write that changes nothing does nothing. Otherwise the new version is written into a fresh
 * timestamped directory, {@code ..data} is pointed at it by renaming a new link over it (atomic), links of
 * paths no longer in the set are removed, links of new paths are added, and the old version is deleted. A
 * container that bind-mounts {@code target} thus sees every file of one version or of the next. With a group,
 * every file and directory of a version is given to that group and made readable by it (Kubernetes'
 * {@code fsGroup}), before it is swapped in.
 */
public final class AtomicWriter {

    /** The link to the current version. */
    public static final String DATA_DIR = "..data";
    private static final String DATA_DIR_TMP = "..data_tmp";
    private static final DateTimeFormatter VERSION_NAME =
            DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path target;
    private final Long group;
    private final Clock clock;

    /**
     * @param target the volume directory; created when missing
     * @param group  the gid the files are given to, or null to leave them the writer's
     */
    public AtomicWriter(Path target, Long group, Clock clock) {
        this.target = target;
        this.group = group;
        this.clock = clock;
    }

    /**
     * One file of a volume.
     *
     * @param data its content
     * @param mode its permission bits, such as {@code 0644}
     */
    public record FileProjection(byte[] data, int mode) {

        @Override
        public boolean equals(Object other) {
            return other instanceof FileProjection that && mode == that.mode && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(data) + mode;
        }

        @Override
        public String toString() {
            return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
        }
    }

    /**
     * Makes the directory hold exactly {@code payload}, by relative path.
     *
     * @return whether anything changed
     * @throws IllegalArgumentException if a path is absolute, empty, or climbs out with {@code ..}
     * @throws UncheckedIOException     if the files cannot be written; the previous version stays in place
     */
    public boolean write(Map<String, FileProjection> payload) {
        Map<String, FileProjection> files = new TreeMap<>(payload);
        files.keySet().forEach(AtomicWriter::validatePath);
        try {
            Files.createDirectories(target);
            Path dataLink = target.resolve(DATA_DIR);
            Path oldVersion = currentVersion(dataLink);
            Set<String> oldTopLevel = oldVersion == null ? Set.of() : topLevelNames(oldVersion);
            if (oldVersion != null && !differs(oldVersion, files) && userVisiblePathsExist(files)) {
                return false;
            }
            Path version = newVersionDir();
            writeFiles(version, files);
            if (group != null) {
                giveToGroup(version);
            }
            Path tmpLink = target.resolve(DATA_DIR_TMP);
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, version.getFileName());
            try {
                Files.move(tmpLink, dataLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot swap " + dataLink + " atomically", e);
            }
            Set<String> newTopLevel = topLevelNames(files);
            for (String name : oldTopLevel) {
                if (!newTopLevel.contains(name)) {
                    Files.deleteIfExists(target.resolve(name));
                }
            }
            for (String name : newTopLevel) {
                Path link = target.resolve(name);
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of(DATA_DIR, name));
                }
            }
            if (oldVersion != null && !oldVersion.equals(version)) {
                deleteTree(oldVersion);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the files of " + target + ": " + e.getMessage(), e);
        }
    }

    /** The volume directory. */
    public Path target() {
        return target;
    }

    private Path currentVersion(Path dataLink) throws IOException {
        if (!Files.isSymbolicLink(dataLink)) {
            return null;
        }
        Path version = target.resolve(Files.readSymbolicLink(dataLink));
        return Files.isDirectory(version, LinkOption.NOFOLLOW_LINKS) ? version : null;
    }

    private boolean differs(Path version, Map<String, FileProjection> files) throws IOException {
        Set<String> present = new HashSet<>();
        try (var walk = Files.walk(version)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    present.add(version.relativize(path).toString());
                }
            }
        }
        if (!present.equals(files.keySet())) {
            return true;
        }
        for (Map.Entry<String, FileProjection> file : files.entrySet()) {
            Path path = version.resolve(file.getKey());
            if (!Arrays.equals(Files.readAllBytes(path), file.getValue().data())
                    || mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))
                    != writtenMode(file.getValue().mode())) {
                return true;
            }
        }
        return false;
    }

    private boolean userVisiblePathsExist(Map<String, FileProjection> files) {
        return topLevelNames(files).stream()
                .allMatch(name -> Files.exists(target.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    private Path newVersionDir() throws IOException {
        String prefix = VERSION_NAME.format(clock.instant());
        while (true) {
            Path dir = target.resolve(prefix + ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000));
            try {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, DIR_MODE);
                return dir;
            } catch (FileAlreadyExistsException e) {
                // another random suffix
            }
        }
    }

    private static void writeFiles(Path version, Map<String, FileProjection> files) throws IOException {
        for (Map.Entry<String, FileProjection> file : files.entrySet()) {
            Path path = version.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            setTreeMode(version, path.getParent());
            Files.write(path, file.getValue().data());
            // set after writing, so the process umask plays no part
            Files.setPosixFilePermissions(path, permissions(file.getValue().mode()));
        }
    }

    private static void setTreeMode(Path version, Path dir) throws IOException {
        for (Path d = dir; !d.equals(version); d = d.getParent()) {
            Files.setPosixFilePermissions(d, DIR_MODE);
        }
    }

    /** As the kubelet's {@code SetVolumeOwnership} for a read-only volume: group-owned, group-readable. */
    private void giveToGroup(Path version) throws IOException {
        try (var walk = Files.walk(version)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(path, "unix:gid", group.intValue(), LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                mode.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    mode.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(path, mode);
            }
        }
    }

    /** The mode a file of {@code mode} has once written: group-readable when given to a group. */
    private int writtenMode(int mode) {
        return group == null ? mode : mode | 0040;
    }

    private static Set<String> topLevelNames(Map<String, FileProjection> files) {
        Set<String> names = new HashSet<>();
        files.keySet().forEach(path -> names.add(Path.of(path).getName(0).toString()));
        return names;
    }

    private static Set<String> topLevelNames(Path version) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(version)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        return names;
    }

    static void validatePath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("invalid path: must not be empty");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("invalid path: must be relative path: " + path);
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("invalid path: must not contain '..': " + path);
            }
        }
        if (path.startsWith("..")) {
            throw new IllegalArgumentException("invalid path: must not start with '..': " + path);
        }
    }

    /** Deletes a directory and what it holds, without following links. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>();
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }
}

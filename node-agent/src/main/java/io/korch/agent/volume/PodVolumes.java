package io.korch.agent.volume;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.ContainerEnv;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.config.PodFields;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.volume.AtomicWriter.FileProjection;
import io.korch.api.ConfigMap;
import io.korch.api.Container;
import io.korch.api.DownwardAPIVolumeFile;
import io.korch.api.KeyToPath;
import io.korch.api.Pod;
import io.korch.api.PodSecurityContext;
import io.korch.api.Secret;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import io.korch.model.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volumes of the node's pods, in one directory per pod as the kubelet keeps them:
 * {@code <pods>/<uid>/volumes/kubernetes.io~<kind>/<name>}.
 *
 * <ul>
 *   <li>{@code emptyDir}: a directory every container of the pod shares, writable by any user (mode 0777,
 *       given to the pod's {@code fsGroup} when it has one). With {@code medium: Memory} it is a memory volume
 *       of the runtime's instead (of {@code sizeLimit}), one per pod, shared by the pod's containers and held
 *       by its sandbox ({@link #sandboxMounts}), which the runtime labels with the pod and removes once the pod is
 *       gone;</li>
 *   <li>{@code configMap}, {@code secret}: every key (or the {@code items} listed, at their paths) as a file of
 *       {@code defaultMode} (0644) or the item's mode, written by an {@link AtomicWriter}, so that
 *       {@link #refresh} brings a running container the new content of a changed object;</li>
 *   <li>{@code downwardAPI}: files of the pod's fields and its containers' resources ({@link PodFields}).</li>
 * </ul>
 *
 * <p>{@link #mounts} sets up every volume of the pod before its first container is created, as the kubelet
 * mounts all of a pod's volumes first, and fails with {@code ContainerCreating} and a {@code FailedMount}
 * message while a ConfigMap or Secret that is not optional is missing. ConfigMap, Secret and downward API
 * volumes are always mounted read-only, as in Kubernetes. {@link #retain} deletes the directories of pods that
 * neither are assigned nor have containers left. Thread-safe: passes and tests may call it at once.
 */
public final class PodVolumes {

    static final String EMPTY_DIR = "kubernetes.io~empty-dir";
    static final String CONFIG_MAP = "kubernetes.io~configmap";
    static final String SECRET = "kubernetes.io~secret";
    static final String DOWNWARD_API = "kubernetes.io~downward-api";
    /** Kubernetes' default mode of ConfigMap, Secret and downward API files. */
    static final int DEFAULT_MODE = 0644;
    private static final String MEMORY = "Memory";
    /** Where a sandbox mounts its pod's memory volumes. */
    static final String SANDBOX_MEMORY_DIR = "/korch/memory/";

    private static final Logger LOG = LoggerFactory.getLogger(PodVolumes.class);

    private final Path podsDir;
    private final ConfigSource source;
    private final NodeFacts node;
    private final Clock clock;
    /** Volume directory → the last refresh failure logged for it, so a lasting one is logged once. */
    private final Map<Path, String> refreshFailures = new ConcurrentHashMap<>();

    /**
     * @param podsDir where the pods' directories are kept, such as {@code ~/.korch/agent/node-1/pods}
     */
    public PodVolumes(Path podsDir, ConfigSource source, NodeFacts node, Clock clock) {
        this.podsDir = podsDir;
        this.source = source;
        this.node = node;
        this.clock = clock;
    }

    /** The directory of the pod of {@code uid}. */
    public Path podDir(String uid) {
        return podsDir.resolve(uid);
    }

    /** The node directory of volume {@code name} of {@code pod}, as the kind of its source files it. */
    public Path volumeDir(Pod pod, Volume volume) {
        return podDir(pod.getMetadata().getUid()).resolve("volumes").resolve(kind(volume)).resolve(volume.getName());
    }

    /**
     * Sets up every volume of {@code pod} (again: unchanged files are left alone) and returns the mounts of
     * {@code container}'s volume mounts, in order.
     *
     * @throws ContainerConfigException when a volume cannot be set up, or a mount names no volume of the pod
     */
    public synchronized List<ContainerSpec.Mount> mounts(Pod pod, Container container) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            volumes.put(volume.getName(), volume);
            setUp(pod, volume);
        }
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw ContainerConfigException.configError("cannot find volume \"" + mount.getName()
                        + "\" to mount into container \"" + container.getName() + "\"");
            }
            mounts.add(mount(pod, container, volume, mount));
        }
        return mounts;
    }

    /**
     * Brings the ConfigMap, Secret and downward API volumes of {@code pods} up to date, for pods whose volumes
     * were set up. A volume whose object is gone keeps its last files, as in Kubernetes.
     */
    public synchronized void refresh(List<Pod> pods) {
        for (Pod pod : pods) {
            if (pod.getMetadata().getUid() == null || !Files.isDirectory(podDir(pod.getMetadata().getUid()))) {
                continue;
            }
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getEmptyDir() != null) {
                    continue;
                }
                Path dir = volumeDir(pod, volume);
                try {
                    setUp(pod, volume);
                    refreshFailures.remove(dir);
                } catch (RuntimeException e) {
                    String message = e.getMessage();
                    if (!message.equals(refreshFailures.put(dir, message))) {
                        LOG.warn("volume {} of pod {}/{} keeps its files: {}", volume.getName(),
                                PodFields.namespace(pod), pod.getMetadata().getName(), message);
                    }
                }
            }
        }
    }

    /** Deletes the directories of pods other than those of {@code uids}: pods assigned or with containers. */
    public synchronized void retain(Set<String> uids) {
        if (!Files.isDirectory(podsDir)) {
            return;
        }
        try (DirectoryStream<Path> pods = Files.newDirectoryStream(podsDir)) {
            for (Path pod : pods) {
                if (!uids.contains(pod.getFileName().toString())) {
                    AtomicWriter.deleteTree(pod);
                    refreshFailures.keySet().removeIf(dir -> dir.startsWith(pod));
                    LOG.info("removed the volumes of pod {}", pod.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up pod directories under {}: {}", podsDir, e.getMessage());
        }
    }

    /**
     * The mounts {@code pod}'s sandbox holds while the pod runs: each {@code medium: Memory} emptyDir under
     * {@value #SANDBOX_MEMORY_DIR}, so the memory file system outlives a restart of the containers that use it.
     */
    public List<ContainerSpec.Mount> sandboxMounts(Pod pod) {
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (memory(volume)) {
                mounts.add(memoryMount(pod, volume, SANDBOX_MEMORY_DIR + volume.getName()));
            }
        }
        return mounts;
    }

    /** The node-wide name of a pod's memory volume: {@code korch_<uid>_<volume>}. */
    static String memoryVolumeName(Pod pod, Volume volume) {
        return "korch_" + pod.getMetadata().getUid() + "_" + volume.getName();
    }

    private static ContainerSpec.Mount memoryMount(Pod pod, Volume volume, String target) {
        String limit = volume.getEmptyDir().getSizeLimit();
        return ContainerSpec.Mount.podMemory(memoryVolumeName(pod, volume), pod.getMetadata().getUid(), target,
                limit == null ? null : Quantity.parseBytes(limit));
    }

    private static boolean memory(Volume volume) {
        return volume.getEmptyDir() != null && MEMORY.equals(volume.getEmptyDir().getMedium());
    }

    private ContainerSpec.Mount mount(Pod pod, Container container, Volume volume, VolumeMount mount) {
        String subPath = mount.getSubPath() == null ? "" : mount.getSubPath();
        if (memory(volume)) {
            if (!subPath.isEmpty()) {
                throw ContainerConfigException.configError("subPath of the memory volume \"" + volume.getName()
                        + "\" is not supported on this node");
            }
            return memoryMount(pod, volume, mount.getMountPath());
        }
        Path dir = volumeDir(pod, volume);
        Path source = dir;
        if (!subPath.isEmpty()) {
            try {
                AtomicWriter.validatePath(subPath);
            } catch (IllegalArgumentException e) {
                throw ContainerConfigException.configError("unable to provision SubPath `" + subPath + "`: "
                        + e.getMessage());
            }
            source = dir.resolve(subPath);
            if (!Files.exists(source) && volume.getEmptyDir() != null) {
                try {
                    Files.createDirectories(source);
                    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxrwxrwx"));
                } catch (IOException e) {
                    throw ContainerConfigException.configError("failed to create subPath directory for volumeMount \""
                            + mount.getName() + "\" of container \"" + container.getName() + "\"");
                }
            }
            if (!Files.exists(source)) {
                throw ContainerConfigException.configError("subPath `" + subPath + "` of volume \"" + volume.getName()
                        + "\" does not exist");
            }
        }
        boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly()) || volume.getEmptyDir() == null;
        return ContainerSpec.Mount.bind(source.toString(), mount.getMountPath(), readOnly);
    }

    private void setUp(Pod pod, Volume volume) {
        Path dir = volumeDir(pod, volume);
        Long fsGroup = fsGroup(pod);
        try {
            if (volume.getEmptyDir() != null) {
                if (!memory(volume)) {
                    emptyDir(dir, fsGroup);
                }
            } else if (volume.getConfigMap() != null) {
                write(dir, fsGroup, configMapFiles(pod, volume));
            } else if (volume.getSecret() != null) {
                write(dir, fsGroup, secretFiles(pod, volume));
            } else if (volume.getDownwardAPI() != null) {
                write(dir, fsGroup, downwardApiFiles(pod, volume));
            } else {
                throw ContainerConfigException.mountFailed(volume.getName(), "volume source not supported on this node");
            }
        } catch (UncheckedIOException e) {
            throw ContainerConfigException.mountFailed(volume.getName(), e.getMessage());
        } catch (IOException e) {
            throw ContainerConfigException.mountFailed(volume.getName(), "cannot create " + dir + ": " + e.getMessage());
        }
    }

    private static void emptyDir(Path dir, Long fsGroup) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        // writable by whatever user the containers run as, as the kubelet makes an emptyDir
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        if (fsGroup != null) {
            Files.setAttribute(dir, "unix:gid", fsGroup.intValue(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void write(Path dir, Long fsGroup, Map<String, FileProjection> files) {
        new AtomicWriter(dir, fsGroup, clock).write(files);
    }

    private Map<String, FileProjection> configMapFiles(Pod pod, Volume volume) {
        var spec = volume.getConfigMap();
        Optional<ConfigMap> configMap = source.configMap(PodFields.namespace(pod), spec.getName());
        if (configMap.isEmpty()) {
            if (Boolean.TRUE.equals(spec.getOptional())) {
                return Map.of();
            }
            throw ContainerConfigException.mountFailed(volume.getName(),
                    ContainerEnv.configMapNotFound(spec.getName()).getMessage());
        }
        return projections(volume.getName(), ConfigSource.configMapData(configMap.get()), spec.getItems(),
                spec.getDefaultMode(), "configMap", Boolean.TRUE.equals(spec.getOptional()));
    }

    private Map<String, FileProjection> secretFiles(Pod pod, Volume volume) {
        var spec = volume.getSecret();
        Optional<Secret> secret = source.secret(PodFields.namespace(pod), spec.getSecretName());
        if (secret.isEmpty()) {
            if (Boolean.TRUE.equals(spec.getOptional())) {
                return Map.of();
            }
            throw ContainerConfigException.mountFailed(volume.getName(),
                    ContainerEnv.secretNotFound(spec.getSecretName()).getMessage());
        }
        return projections(volume.getName(), ConfigSource.secretData(secret.get()), spec.getItems(),
                spec.getDefaultMode(), "secret", Boolean.TRUE.equals(spec.getOptional()));
    }

    /** As the kubelet's {@code MakePayload}: all keys, or the listed items (a missing one fails unless optional). */
    private static Map<String, FileProjection> projections(String volume, Map<String, byte[]> data,
                                                           List<KeyToPath> items, Integer defaultMode, String kind,
                                                           boolean optional) {
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, FileProjection> files = new LinkedHashMap<>();
        if (items.isEmpty()) {
            data.forEach((key, value) -> files.put(key, new FileProjection(value, mode)));
            return files;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw ContainerConfigException.mountFailed(volume, (kind.equals("secret")
                        ? "references non-existent secret key: " : "configmap references non-existent config key: ")
                        + item.getKey());
            }
            files.put(item.getPath(), new FileProjection(value, item.getMode() == null ? mode : item.getMode()));
        }
        return files;
    }

    private Map<String, FileProjection> downwardApiFiles(Pod pod, Volume volume) {
        var spec = volume.getDownwardAPI();
        int mode = spec.getDefaultMode() == null ? DEFAULT_MODE : spec.getDefaultMode();
        Map<String, FileProjection> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : spec.getItems()) {
            String value;
            try {
                if (item.getFieldRef() != null) {
                    value = PodFields.field(pod, item.getFieldRef(), node);
                } else if (item.getResourceFieldRef() != null) {
                    value = PodFields.resource(pod, null, item.getResourceFieldRef(), node);
                } else {
                    continue;
                }
            } catch (ContainerConfigException e) {
                throw ContainerConfigException.mountFailed(volume.getName(), e.getMessage());
            }
            files.put(item.getPath(), new FileProjection(value.getBytes(StandardCharsets.UTF_8),
                    item.getMode() == null ? mode : item.getMode()));
        }
        return files;
    }

    private static Long fsGroup(Pod pod) {
        PodSecurityContext context = pod.getSpec().getSecurityContext();
        return context == null ? null : context.getFsGroup();
    }

    private static String kind(Volume volume) {
        if (volume.getEmptyDir() != null) {
            return EMPTY_DIR;
        }
        if (volume.getConfigMap() != null) {
            return CONFIG_MAP;
        }
        if (volume.getSecret() != null) {
            return SECRET;
        }
        if (volume.getDownwardAPI() != null) {
            return DOWNWARD_API;
        }
        return "unknown";
    }
}

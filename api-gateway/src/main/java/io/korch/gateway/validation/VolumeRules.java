package io.korch.gateway.validation;

import io.korch.api.ConfigMapVolumeSource;
import io.korch.api.DownwardAPIVolumeFile;
import io.korch.api.DownwardAPIVolumeSource;
import io.korch.api.KeyToPath;
import io.korch.api.SecretVolumeSource;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import io.korch.model.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules on a pod's volumes and its containers' mounts of them, worded as Kubernetes words them:
 * unique DNS-1123 label names, exactly one source each, file paths relative and never climbing
 * out ({@code ..}), file modes within 0..0777, mounts naming a declared volume at distinct paths.
 */
final class VolumeRules {

    static final List<String> MEDIA = List.of("", "Memory");
    static final List<String> VOLUME_FIELD_PATHS =
            List.of("metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid");

    private VolumeRules() {
    }

    /** Checks {@code volumes} at {@code path}; returns the names declared. */
    static Set<String> validate(List<Volume> volumes, String path, Causes causes) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            String volumePath = path + "[" + i + "]";
            String name = volume.getName();
            if (name == null || name.isEmpty()) {
                causes.required(volumePath + ".name");
            } else if (Names.checkDns1123Label(name) != null) {
                causes.invalid(volumePath + ".name", name, Names.checkDns1123Label(name));
            } else if (!names.add(name)) {
                causes.duplicate(volumePath + ".name", name);
            }
            source(volume, volumePath, causes);
        }
        return names;
    }

    private static void source(Volume volume, String path, Causes causes) {
        List<String> sources = new ArrayList<>();
        if (volume.getEmptyDir() != null && first(sources, "emptyDir", path, causes)) {
            String medium = volume.getEmptyDir().getMedium() == null ? "" : volume.getEmptyDir().getMedium();
            if (!MEDIA.contains(medium)) {
                causes.notSupported(path + ".emptyDir.medium", medium, MEDIA);
            }
        }
        if (volume.getConfigMap() != null && first(sources, "configMap", path, causes)) {
            configMap(volume.getConfigMap(), path + ".configMap", causes);
        }
        if (volume.getSecret() != null && first(sources, "secret", path, causes)) {
            secret(volume.getSecret(), path + ".secret", causes);
        }
        if (volume.getDownwardAPI() != null && first(sources, "downwardAPI", path, causes)) {
            downwardApi(volume.getDownwardAPI(), path + ".downwardAPI", causes);
        }
        if (sources.isEmpty()) {
            causes.required(path, "must specify a volume type");
        }
    }

    private static boolean first(List<String> sources, String name, String path, Causes causes) {
        if (!sources.isEmpty()) {
            causes.forbidden(path + "." + name, "may not specify more than 1 volume type");
            return false;
        }
        sources.add(name);
        return true;
    }

    private static void configMap(ConfigMapVolumeSource source, String path, Causes causes) {
        if (source.getName() == null || source.getName().isEmpty()) {
            causes.required(path + ".name");
        }
        mode(source.getDefaultMode(), path + ".defaultMode", causes);
        items(source.getItems(), path + ".items", causes);
    }

    private static void secret(SecretVolumeSource source, String path, Causes causes) {
        if (source.getSecretName() == null || source.getSecretName().isEmpty()) {
            causes.required(path + ".secretName");
        }
        mode(source.getDefaultMode(), path + ".defaultMode", causes);
        items(source.getItems(), path + ".items", causes);
    }

    private static void items(List<KeyToPath> items, String path, Causes causes) {
        for (int i = 0; i < items.size(); i++) {
            KeyToPath item = items.get(i);
            String itemPath = path + "[" + i + "]";
            if (item.getKey() == null || item.getKey().isEmpty()) {
                causes.required(itemPath + ".key");
            }
            filePath(item.getPath(), itemPath + ".path", causes);
            mode(item.getMode(), itemPath + ".mode", causes);
        }
    }

    private static void downwardApi(DownwardAPIVolumeSource source, String path, Causes causes) {
        mode(source.getDefaultMode(), path + ".defaultMode", causes);
        for (int i = 0; i < source.getItems().size(); i++) {
            DownwardAPIVolumeFile file = source.getItems().get(i);
            String filePath = path + ".items[" + i + "]";
            filePath(file.getPath(), filePath + ".path", causes);
            mode(file.getMode(), filePath + ".mode", causes);
            if (file.getFieldRef() != null && file.getResourceFieldRef() != null) {
                causes.invalid(filePath, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
            } else if (file.getFieldRef() != null) {
                EnvRules.fieldRef(file.getFieldRef(), filePath + ".fieldRef", VOLUME_FIELD_PATHS, causes);
            } else if (file.getResourceFieldRef() != null) {
                String containerName = file.getResourceFieldRef().getContainerName();
                if (containerName == null || containerName.isEmpty()) {
                    causes.required(filePath + ".resourceFieldRef.containerName");
                }
                EnvRules.resourceFieldRef(file.getResourceFieldRef(), filePath + ".resourceFieldRef", causes);
            }
        }
    }

    /** Checks a file path inside a volume: required, relative, not climbing out. */
    static void filePath(String file, String path, Causes causes) {
        if (file == null || file.isEmpty()) {
            causes.required(path);
            return;
        }
        relativeDescending(file, path, causes);
        if (file.length() >= 2 && file.startsWith("..")) {
            causes.invalid(path, file, "must not start with '..'");
        }
    }

    /** Checks that {@code file} is relative and has no {@code ..} element, as Kubernetes checks subPath and item paths. */
    static void relativeDescending(String file, String path, Causes causes) {
        if (file.startsWith("/")) {
            causes.invalid(path, file, "must be a relative path");
        }
        for (String element : file.split("/")) {
            if (element.equals("..")) {
                causes.invalid(path, file, "must not contain '..'");
                break;
            }
        }
    }

    static void mode(Integer mode, String path, Causes causes) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            causes.invalid(path, mode, HandlerRules.FILE_MODE);
        }
    }

    /** Checks the mounts of one container at {@code path} against the pod's {@code volumes}. */
    static void mounts(List<VolumeMount> mounts, Set<String> volumes, String path, Causes causes) {
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount mount = mounts.get(i);
            String mountPath = path + "[" + i + "]";
            if (mount.getName() == null || mount.getName().isEmpty()) {
                causes.required(mountPath + ".name");
            } else if (!volumes.contains(mount.getName())) {
                causes.notFound(mountPath + ".name", mount.getName());
            }
            if (mount.getMountPath() == null || mount.getMountPath().isEmpty()) {
                causes.required(mountPath + ".mountPath");
            } else if (!mountPaths.add(mount.getMountPath())) {
                causes.invalid(mountPath + ".mountPath", mount.getMountPath(), "must be unique");
            }
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                relativeDescending(mount.getSubPath(), mountPath + ".subPath", causes);
            }
        }
    }
}

package io.korch.agent.config;

import io.korch.api.ConfigMap;
import io.korch.api.ConfigMapEnvSource;
import io.korch.api.ConfigMapKeySelector;
import io.korch.api.ConfigMapVolumeSource;
import io.korch.api.Container;
import io.korch.api.DownwardAPIVolumeFile;
import io.korch.api.DownwardAPIVolumeSource;
import io.korch.api.EmptyDirVolumeSource;
import io.korch.api.EnvFromSource;
import io.korch.api.EnvVar;
import io.korch.api.EnvVarSource;
import io.korch.api.KeyToPath;
import io.korch.api.ObjectFieldSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.ResourceFieldSelector;
import io.korch.api.Secret;
import io.korch.api.SecretEnvSource;
import io.korch.api.SecretKeySelector;
import io.korch.api.SecretVolumeSource;
import io.korch.api.Volume;
import io.korch.api.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of ConfigMaps, Secrets, env sources, volumes and mounts for the agent's tests. */
public final class PodConfigs {

    private PodConfigs() {
    }

    public static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
        return ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name).build())
                .setData(new LinkedHashMap<>(data))
                .build();
    }

    /** A Secret whose {@code data} holds the base64 of {@code plain}'s values, as the API stores it. */
    public static Secret secret(String namespace, String name, Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Secret.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name).build())
                .setData(data)
                .build();
    }

    public static EnvVar value(String name, String value) {
        return EnvVar.newBuilder().setName(name).setValue(value).build();
    }

    public static EnvVar fromConfigMap(String name, String configMap, String key, Boolean optional) {
        return from(name, EnvVarSource.newBuilder().setConfigMapKeyRef(ConfigMapKeySelector.newBuilder()
                .setName(configMap).setKey(key).setOptional(optional).build()).build());
    }

    public static EnvVar fromSecret(String name, String secret, String key, Boolean optional) {
        return from(name, EnvVarSource.newBuilder().setSecretKeyRef(SecretKeySelector.newBuilder()
                .setName(secret).setKey(key).setOptional(optional).build()).build());
    }

    public static EnvVar fromField(String name, String fieldPath) {
        return from(name, EnvVarSource.newBuilder().setFieldRef(field(fieldPath)).build());
    }

    public static EnvVar fromResource(String name, String resource, String divisor) {
        return from(name, EnvVarSource.newBuilder().setResourceFieldRef(ResourceFieldSelector.newBuilder()
                .setResource(resource).setDivisor(divisor).build()).build());
    }

    public static EnvFromSource allOfConfigMap(String configMap, String prefix, Boolean optional) {
        return EnvFromSource.newBuilder().setPrefix(prefix)
                .setConfigMapRef(ConfigMapEnvSource.newBuilder().setName(configMap).setOptional(optional).build())
                .build();
    }

    public static EnvFromSource allOfSecret(String secret, String prefix) {
        return EnvFromSource.newBuilder().setPrefix(prefix)
                .setSecretRef(SecretEnvSource.newBuilder().setName(secret).build())
                .build();
    }

    public static Volume emptyDir(String name, String medium) {
        return Volume.newBuilder().setName(name)
                .setEmptyDir(EmptyDirVolumeSource.newBuilder().setMedium(medium).build()).build();
    }

    public static Volume configMapVolume(String name, String configMap, List<KeyToPath> items, Boolean optional) {
        return Volume.newBuilder().setName(name).setConfigMap(ConfigMapVolumeSource.newBuilder()
                .setName(configMap).setItems(new ArrayList<>(items)).setOptional(optional).build()).build();
    }

    public static Volume secretVolume(String name, String secret, Integer defaultMode) {
        return Volume.newBuilder().setName(name).setSecret(SecretVolumeSource.newBuilder()
                .setSecretName(secret).setDefaultMode(defaultMode).build()).build();
    }

    public static Volume downwardApiVolume(String name, Map<String, String> pathToFieldPath) {
        List<DownwardAPIVolumeFile> items = new ArrayList<>();
        pathToFieldPath.forEach((path, fieldPath) -> items.add(DownwardAPIVolumeFile.newBuilder()
                .setPath(path).setFieldRef(field(fieldPath)).build()));
        return Volume.newBuilder().setName(name)
                .setDownwardAPI(DownwardAPIVolumeSource.newBuilder().setItems(items).build()).build();
    }

    public static KeyToPath item(String key, String path, Integer mode) {
        return KeyToPath.newBuilder().setKey(key).setPath(path).setMode(mode).build();
    }

    public static VolumeMount mount(String volume, String mountPath, Boolean readOnly, String subPath) {
        return VolumeMount.newBuilder().setName(volume).setMountPath(mountPath).setReadOnly(readOnly)
                .setSubPath(subPath).build();
    }

    /** The first container of {@code pod}, to add env, mounts or a security context to. */
    public static Container first(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }

    /** Adds {@code vars} to the env of the first container. */
    public static Pod withEnv(Pod pod, EnvVar... vars) {
        List<EnvVar> env = new ArrayList<>(first(pod).getEnv());
        env.addAll(List.of(vars));
        first(pod).setEnv(env);
        return pod;
    }

    /** Adds {@code volumes} to the pod and mounts {@code mounts} into the first container. */
    public static Pod withVolumes(Pod pod, List<Volume> volumes, List<VolumeMount> mounts) {
        List<Volume> all = new ArrayList<>(pod.getSpec().getVolumes());
        all.addAll(volumes);
        pod.getSpec().setVolumes(all);
        List<VolumeMount> allMounts = new ArrayList<>(first(pod).getVolumeMounts());
        allMounts.addAll(mounts);
        first(pod).setVolumeMounts(allMounts);
        return pod;
    }

    private static EnvVar from(String name, EnvVarSource source) {
        return EnvVar.newBuilder().setName(name).setValueFrom(source).build();
    }

    private static ObjectFieldSelector field(String fieldPath) {
        return ObjectFieldSelector.newBuilder().setFieldPath(fieldPath).build();
    }
}

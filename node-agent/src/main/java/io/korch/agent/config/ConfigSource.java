package io.korch.agent.config;

import io.korch.api.ConfigMap;
import io.korch.api.Secret;
import io.korch.topics.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's view of the cluster's ConfigMaps and Secrets, keyed {@code namespace/name}: what containers
 * read as environment variables and volume files. Written by a {@link ConfigWatcher} (or by a test), read
 * by reconcile passes; safe for both at once. Values are the records as written; {@link #secretData} and
 * {@link #configMapData} give the bytes a container sees.
 */
public final class ConfigSource {

    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    /** A view holding {@code configMaps} and {@code secrets}, for tests and fixed setups. */
    public static ConfigSource of(Iterable<ConfigMap> configMaps, Iterable<Secret> secrets) {
        ConfigSource source = new ConfigSource();
        configMaps.forEach(source::put);
        secrets.forEach(source::put);
        return source;
    }

    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(Keys.of(namespace, name)));
    }

    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(Keys.of(namespace, name)));
    }

    /** Adds or replaces a ConfigMap; returns whether the view changed. */
    public boolean put(ConfigMap configMap) {
        return !configMap.equals(configMaps.put(key(configMap.getMetadata()), configMap));
    }

    /** Adds or replaces a Secret; returns whether the view changed. */
    public boolean put(Secret secret) {
        return !secret.equals(secrets.put(key(secret.getMetadata()), secret));
    }

    /** Forgets the ConfigMap of {@code key}; returns whether there was one. */
    public boolean removeConfigMap(String key) {
        return configMaps.remove(key) != null;
    }

    /** Forgets the Secret of {@code key}; returns whether there was one. */
    public boolean removeSecret(String key) {
        return secrets.remove(key) != null;
    }

    /** A ConfigMap's {@code data} and decoded {@code binaryData} as bytes, by key in key order. */
    public static Map<String, byte[]> configMapData(ConfigMap configMap) {
        Map<String, byte[]> data = new TreeMap<>();
        configMap.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        configMap.getBinaryData().forEach((k, v) -> data.put(k, decode(v)));
        return data;
    }

    /** A Secret's decoded {@code data} (and any {@code stringData} not merged into it), by key in key order. */
    public static Map<String, byte[]> secretData(Secret secret) {
        Map<String, byte[]> data = new TreeMap<>();
        secret.getData().forEach((k, v) -> data.put(k, decode(v)));
        secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    /** Text of a Secret or ConfigMap value, as a Go string conversion makes it. */
    public static Map<String, String> text(Map<String, byte[]> data) {
        Map<String, String> text = new LinkedHashMap<>();
        data.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private static String key(io.korch.api.ObjectMeta metadata) {
        String namespace = metadata.getNamespace() == null ? "default" : metadata.getNamespace();
        return Keys.of(namespace, metadata.getName());
    }
}

package io.korch.agent.config;

import io.korch.api.ConfigMap;
import io.korch.api.Secret;
import io.korch.topics.Keys;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        return !sameRecord(configMap, configMaps.put(key(configMap.getMetadata()), configMap));
    }

    /** Adds or replaces a Secret; returns whether the view changed. */
    public boolean put(Secret secret) {
        return !sameRecord(secret, secrets.put(key(secret.getMetadata()), secret));
    }

    /**
     * Whether two records are equal, compared by their encodings: a generated record's {@code equals}
     * goes through Avro's generic comparison, which cannot compare the {@code Instant}s of a union
     * ({@code managedFields[].time}) and throws.
     */
    private static boolean sameRecord(SpecificRecordBase record, SpecificRecordBase previous) {
        if (previous == null) {
            return false;
        }
        return Arrays.equals(encoded(record), encoded(previous));
    }

    private static byte[] encoded(SpecificRecordBase record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            @SuppressWarnings("unchecked")
            DatumWriter<SpecificRecordBase> writer = (DatumWriter<SpecificRecordBase>) record.getSpecificData()
                    .createDatumWriter(record.getSchema());
            writer.write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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

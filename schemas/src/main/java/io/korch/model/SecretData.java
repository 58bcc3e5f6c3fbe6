package io.korch.model;

import io.korch.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Kubernetes does to a Secret before it validates and stores it: {@code stringData} is
 * merged into {@code data}, each value base64-encoded, a key of both taking the {@code stringData}
 * value; {@code stringData} itself is never stored, so never served. A Secret without a type is
 * {@code Opaque}.
 */
public final class SecretData {

    public static final String OPAQUE = "Opaque";

    private SecretData() {
    }

    /** {@code secret} with its stringData merged into its data and its type defaulted. Pure. */
    public static Secret defaulted(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>(secret.getData());
        secret.getStringData().forEach((key, value) ->
                data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return Secret.newBuilder(secret)
                .setData(data)
                .setStringData(Map.of())
                .setType(secret.getType() == null || secret.getType().isEmpty() ? OPAQUE : secret.getType())
                .build();
    }
}

package io.korch.gateway.validation;

import io.korch.api.Secret;
import io.korch.model.Names;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a Secret, its {@code stringData} already merged into {@code data}, as Kubernetes
 * does: a DNS-1123 subdomain as its name, config keys, base64 values of at most 1 MiB in all, the
 * keys its type requires ({@code tls.crt} and {@code tls.key} of {@code kubernetes.io/tls}...);
 * on replace, its type never changes, and once {@code immutable} is set neither its data nor
 * that flag do. A value is never echoed in a cause.
 */
public final class SecretValidator implements Validator<Secret> {

    /** The keys each type of Secret must hold. */
    static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"));
    static final String BASIC_AUTH = "kubernetes.io/basic-auth";

    @Override
    public List<Cause> validate(Secret secret) {
        Causes causes = new Causes();
        MetadataRules.validate(secret.getMetadata(), Names::checkDns1123Subdomain, causes);
        long total = 0;
        for (Map.Entry<String, String> entry : secret.getData().entrySet()) {
            String field = "data[" + entry.getKey() + "]";
            DataRules.key(entry.getKey(), field, causes);
            total += Math.max(0, DataRules.decodedSize(entry.getValue(), field, DataRules.REDACTED, causes));
        }
        if (total > DataRules.MAX_DATA_BYTES) {
            causes.tooLong("data", DataRules.MAX_DATA_BYTES);
        }
        Map<String, String> data = secret.getData();
        REQUIRED_KEYS.getOrDefault(String.valueOf(secret.getType()), List.of()).stream()
                .filter(key -> !data.containsKey(key))
                .forEach(key -> causes.required("data[" + key + "]"));
        if (BASIC_AUTH.equals(secret.getType()) && !data.containsKey("username") && !data.containsKey("password")) {
            causes.required("data[username]").required("data[password]");
        }
        return causes.list();
    }

    @Override
    public List<Cause> validateUpdate(Secret secret, Secret old) {
        Causes causes = new Causes();
        if (!Objects.equals(secret.getType(), old.getType())) {
            causes.invalid("type", secret.getType(), "field is immutable");
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                causes.forbidden("immutable", ConfigMapValidator.IMMUTABLE);
            }
            if (!Objects.equals(secret.getData(), old.getData())) {
                causes.forbidden("data", ConfigMapValidator.IMMUTABLE);
            }
        }
        return causes.list();
    }
}

package io.korch.gateway.validation;

import io.korch.api.ConfigMap;
import io.korch.model.Names;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a ConfigMap as Kubernetes does: a DNS-1123 subdomain as its name, config keys in
 * {@code data} and {@code binaryData} (no key in both), base64 in {@code binaryData}, at most 1 MiB
 * of data in all; and, once {@code immutable} is set, no change of its data nor of that flag.
 */
public final class ConfigMapValidator implements Validator<ConfigMap> {

    static final String IMMUTABLE = "field is immutable when `immutable` is set";

    @Override
    public List<Cause> validate(ConfigMap configMap) {
        Causes causes = new Causes();
        MetadataRules.validate(configMap.getMetadata(), Names::checkDns1123Subdomain, causes);
        long total = 0;
        for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
            String field = "data[" + entry.getKey() + "]";
            DataRules.key(entry.getKey(), field, causes);
            if (configMap.getBinaryData().containsKey(entry.getKey())) {
                causes.invalid(field, entry.getKey(), "duplicate of key present in binaryData");
            }
            total += DataRules.size(entry.getValue());
        }
        for (Map.Entry<String, String> entry : configMap.getBinaryData().entrySet()) {
            String field = "binaryData[" + entry.getKey() + "]";
            DataRules.key(entry.getKey(), field, causes);
            total += Math.max(0, DataRules.decodedSize(entry.getValue(), field, entry.getValue(), causes));
        }
        if (total > DataRules.MAX_DATA_BYTES) {
            causes.tooLong("[]", DataRules.MAX_DATA_BYTES);
        }
        return causes.list();
    }

    @Override
    public List<Cause> validateUpdate(ConfigMap configMap, ConfigMap old) {
        Causes causes = new Causes();
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(configMap.getImmutable())) {
                causes.forbidden("immutable", IMMUTABLE);
            }
            if (!Objects.equals(configMap.getData(), old.getData())) {
                causes.forbidden("data", IMMUTABLE);
            }
            if (!Objects.equals(configMap.getBinaryData(), old.getBinaryData())) {
                causes.forbidden("binaryData", IMMUTABLE);
            }
        }
        return causes.list();
    }
}

package io.korch.gateway.validation;

import io.korch.api.ObjectMeta;
import io.korch.model.Names;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rules on {@code metadata} shared by every kind: the name, labels and annotations. */
public final class MetadataRules {

    /** The largest total size of an object's annotations, keys and values together. */
    public static final long ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private MetadataRules() {
    }

    /**
     * Checks {@code meta} of an object whose name follows {@code nameRule}
     * ({@link Names#checkDns1123Subdomain} or {@link Names#checkDns1123Label}).
     */
    public static void validate(ObjectMeta meta, UnaryOperator<String> nameRule, Causes causes) {
        String name = meta.getName();
        if (name == null || name.isEmpty()) {
            causes.required("metadata.name");
        } else {
            String problem = nameRule.apply(name);
            if (problem != null) {
                causes.invalid("metadata.name", name, problem);
            }
        }
        labels(meta.getLabels(), "metadata.labels", causes);
        annotations(meta.getAnnotations(), causes);
    }

    /** Checks label keys and values, as found at {@code field}. */
    public static void labels(Map<String, String> labels, String field, Causes causes) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            String keyProblem = Names.checkLabelKey(key);
            if (keyProblem != null) {
                causes.invalid(field, key, keyProblem);
            }
            String valueProblem = Names.checkLabelValue(value);
            if (valueProblem != null) {
                causes.invalid(field + "[" + key + "]", value, valueProblem);
            }
        });
    }

    private static void annotations(Map<String, String> annotations, Causes causes) {
        if (annotations == null) {
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> entry : annotations.entrySet()) {
            String keyProblem = Names.checkLabelKey(entry.getKey());
            if (keyProblem != null) {
                causes.invalid("metadata.annotations", entry.getKey(), keyProblem);
            }
            size += entry.getKey().getBytes(StandardCharsets.UTF_8).length
                    + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > ANNOTATIONS_MAX_BYTES) {
            causes.tooLong("metadata.annotations", ANNOTATIONS_MAX_BYTES);
        }
    }
}

package io.korch.gateway.validation;

import io.korch.api.ConfigMapKeySelector;
import io.korch.api.EnvFromSource;
import io.korch.api.EnvVar;
import io.korch.api.EnvVarSource;
import io.korch.api.ObjectFieldSelector;
import io.korch.api.ResourceFieldSelector;
import io.korch.api.SecretKeySelector;
import io.korch.model.Names;
import io.korch.model.Quantity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules on a container's environment, worded as Kubernetes words them: a variable has a
 * {@code value} or one {@code valueFrom} source, never both; the pod fields and container
 * resources the downward API offers; a ConfigMap or Secret key; {@code envFrom} names one source.
 */
final class EnvRules {

    /** The pod fields an environment variable may take, besides {@code metadata.labels['k']} and {@code metadata.annotations['k']}. */
    static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
            "status.podIPs");
    static final List<String> RESOURCES = List.of("limits.cpu", "limits.memory", "requests.cpu", "requests.memory");

    private static final Pattern SUBSCRIPTED = Pattern.compile("(metadata\\.(?:labels|annotations))\\['(.*)'\\]");

    private EnvRules() {
    }

    static void env(List<EnvVar> env, String path, Causes causes) {
        for (int i = 0; i < env.size(); i++) {
            EnvVar variable = env.get(i);
            String variablePath = path + "[" + i + "]";
            if (variable.getName() == null || variable.getName().isEmpty()) {
                causes.required(variablePath + ".name");
            }
            if (variable.getValueFrom() != null) {
                valueFrom(variable.getValueFrom(), variable.getValue(), variablePath + ".valueFrom", causes);
            }
        }
    }

    private static void valueFrom(EnvVarSource source, String value, String path, Causes causes) {
        int sources = 0;
        if (source.getFieldRef() != null) {
            sources++;
            fieldRef(source.getFieldRef(), path + ".fieldRef", ENV_FIELD_PATHS, causes);
        }
        if (source.getResourceFieldRef() != null) {
            sources++;
            resourceFieldRef(source.getResourceFieldRef(), path + ".resourceFieldRef", causes);
        }
        if (source.getConfigMapKeyRef() != null) {
            sources++;
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            keyRef(ref.getName(), ref.getKey(), path + ".configMapKeyRef", causes);
        }
        if (source.getSecretKeyRef() != null) {
            sources++;
            SecretKeySelector ref = source.getSecretKeyRef();
            keyRef(ref.getName(), ref.getKey(), path + ".secretKeyRef", causes);
        }
        if (sources == 0) {
            causes.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        } else if (value != null && !value.isEmpty()) {
            causes.invalid(path, "", "may not be specified when `value` is not empty");
        } else if (sources > 1) {
            causes.invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    private static void keyRef(String name, String key, String path, Causes causes) {
        if (name == null || name.isEmpty()) {
            causes.required(path + ".name");
        }
        if (key == null || key.isEmpty()) {
            causes.required(path + ".key");
        } else {
            DataRules.key(key, path + ".key", causes);
        }
    }

    /** Checks a pod field selector against the field paths {@code supported} where it is used. */
    static void fieldRef(ObjectFieldSelector selector, String path, List<String> supported, Causes causes) {
        String apiVersion = selector.getApiVersion();
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals("v1")) {
            causes.invalid(path + ".fieldPath", selector.getFieldPath(),
                    "error converting fieldPath: field label not supported: " + selector.getFieldPath());
            return;
        }
        String fieldPath = selector.getFieldPath();
        if (fieldPath == null || fieldPath.isEmpty()) {
            causes.required(path + ".fieldPath");
            return;
        }
        Matcher subscripted = SUBSCRIPTED.matcher(fieldPath);
        if (subscripted.matches()) {
            String problem = Names.checkLabelKey(subscripted.group(2));
            if (problem != null) {
                causes.invalid(path, subscripted.group(2), problem);
            }
        } else if (!supported.contains(fieldPath)) {
            causes.notSupported(path + ".fieldPath", fieldPath, supported);
        }
    }

    /** Checks a container resource selector: the resource is one of {@link #RESOURCES}, the divisor a quantity. */
    static void resourceFieldRef(ResourceFieldSelector selector, String path, Causes causes) {
        if (!RESOURCES.contains(selector.getResource())) {
            causes.notSupported(path + ".resource", selector.getResource(), RESOURCES);
        }
        String divisor = selector.getDivisor();
        if (divisor != null && !divisor.isEmpty()) {
            try {
                if (selector.getResource().endsWith(".cpu")) {
                    Quantity.parseMillis(divisor);
                } else {
                    Quantity.parseBytes(divisor);
                }
            } catch (IllegalArgumentException e) {
                causes.invalid(path + ".divisor", divisor, "only divisor's values 1m and 1 are supported with the cpu resource");
            }
        }
    }

    static void envFrom(List<EnvFromSource> sources, String path, Causes causes) {
        for (EnvFromSource source : sources) {
            int set = 0;
            if (source.getConfigMapRef() != null) {
                set++;
                if (source.getConfigMapRef().getName() == null || source.getConfigMapRef().getName().isEmpty()) {
                    causes.required(path + ".configMapRef.name");
                }
            }
            if (source.getSecretRef() != null) {
                set++;
                if (source.getSecretRef().getName() == null || source.getSecretRef().getName().isEmpty()) {
                    causes.required(path + ".secretRef.name");
                }
            }
            if (set == 0) {
                causes.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            } else if (set > 1) {
                causes.invalid(path, "", "may not have more than one field specified at a time");
            }
        }
    }
}

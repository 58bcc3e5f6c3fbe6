package io.korch.agent.config;

import io.korch.agent.runtime.ContainerConfigException;
import io.korch.api.ConfigMap;
import io.korch.api.ConfigMapKeySelector;
import io.korch.api.Container;
import io.korch.api.EnvFromSource;
import io.korch.api.EnvVar;
import io.korch.api.EnvVarSource;
import io.korch.api.Pod;
import io.korch.api.Secret;
import io.korch.api.SecretKeySelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A container's environment, resolved as the kubelet's {@code makeEnvironmentVariables} does: first every
 * {@code envFrom} source in order (keys with their prefix; keys that are no valid variable names skipped,
 * with a warning), then every {@code env} entry in order, a {@code value} with its {@code $(VAR)} references
 * to the variables before it expanded, a {@code valueFrom} read from a ConfigMap, a Secret (decoded) or the
 * downward API. A later name replaces an earlier one. Then the Service environment variables are added where
 * the container does not set the name itself; {@code $(VAR)} references may name them too. Pure.
 *
 * <p>A missing ConfigMap, Secret or key that is not optional is a {@link ContainerConfigException} with
 * Kubernetes' message ({@code configmap "x" not found}, {@code couldn't find key k in ConfigMap ns/x}), which
 * names objects and keys but never a value.
 */
public final class ContainerEnv {

    /** The event reason of envFrom keys skipped for their names. */
    public static final String INVALID_ENVIRONMENT_VARIABLE_NAMES = "InvalidEnvironmentVariableNames";

    /** Kubernetes' {@code IsEnvVarName}: a C identifier, also allowing {@code -} and {@code .}. */
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private ContainerEnv() {
    }

    /**
     * The resolved environment and the warnings to record about the pod.
     *
     * @param env      variable name → value, in the order the names were first defined
     * @param warnings messages of {@link #INVALID_ENVIRONMENT_VARIABLE_NAMES} events
     */
    public record Resolved(Map<String, String> env, List<String> warnings) {
    }

    /**
     * The environment of {@code container} of {@code pod}.
     *
     * @throws ContainerConfigException when a referenced object or key is missing and not optional, or a
     *                                  downward API reference cannot be read
     */
    public static Resolved resolve(Pod pod, Container container, ConfigSource source, NodeFacts node) {
        return resolve(pod, container, source, node, Map.of());
    }

    /**
     * The environment of {@code container} of {@code pod}, with the Service environment variables.
     *
     * @param serviceEnv the variables of the Services the pod sees ({@code WEB_SERVICE_HOST}...), added to those
     *                   the container does not set
     * @throws ContainerConfigException when a referenced object or key is missing and not optional, or a
     *                                  downward API reference cannot be read
     */
    public static Resolved resolve(Pod pod, Container container, ConfigSource source, NodeFacts node,
                                   Map<String, String> serviceEnv) {
        String namespace = PodFields.namespace(pod);
        Map<String, String> env = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> configMap = source.configMap(namespace, name);
                if (configMap.isEmpty()) {
                    if (isTrue(from.getConfigMapRef().getOptional())) {
                        continue;
                    }
                    throw configMapNotFound(name);
                }
                addAll(env, prefix, configMap.get().getData(), "configMap", namespace, name, warnings);
            } else if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Optional<Secret> secret = source.secret(namespace, name);
                if (secret.isEmpty()) {
                    if (isTrue(from.getSecretRef().getOptional())) {
                        continue;
                    }
                    throw secretNotFound(name);
                }
                addAll(env, prefix, ConfigSource.text(ConfigSource.secretData(secret.get())), "secret", namespace,
                        name, warnings);
            }
        }
        for (EnvVar var : container.getEnv()) {
            String value = var.getValue() == null ? "" : var.getValue();
            if (!value.isEmpty()) {
                value = Expansion.expand(value, name -> env.containsKey(name) ? env.get(name) : serviceEnv.get(name));
            } else if (var.getValueFrom() != null) {
                Optional<String> resolved = valueFrom(pod, container, var.getValueFrom(), namespace, source, node);
                if (resolved.isEmpty()) {
                    continue; // an optional reference that is missing: the variable is not set
                }
                value = resolved.get();
            }
            env.put(var.getName(), value);
        }
        serviceEnv.forEach(env::putIfAbsent);
        return new Resolved(env, warnings);
    }

    /** A command or its args with their {@code $(VAR)} references to {@code env} expanded, as the kubelet does. */
    public static List<String> expand(List<String> words, Map<String, String> env) {
        return words.stream().map(word -> Expansion.expand(word, env::get)).toList();
    }

    private static Optional<String> valueFrom(Pod pod, Container container, EnvVarSource from, String namespace,
                                              ConfigSource source, NodeFacts node) {
        if (from.getFieldRef() != null) {
            return Optional.of(PodFields.field(pod, from.getFieldRef(), node));
        }
        if (from.getResourceFieldRef() != null) {
            return Optional.of(PodFields.resource(pod, container, from.getResourceFieldRef(), node));
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = from.getConfigMapKeyRef();
            boolean optional = isTrue(ref.getOptional());
            Optional<ConfigMap> configMap = source.configMap(namespace, ref.getName());
            if (configMap.isEmpty()) {
                if (optional) {
                    return Optional.empty();
                }
                throw configMapNotFound(ref.getName());
            }
            String value = configMap.get().getData().get(ref.getKey());
            if (value == null && !optional) {
                throw ContainerConfigException.configError("couldn't find key " + ref.getKey() + " in ConfigMap "
                        + namespace + "/" + ref.getName());
            }
            return Optional.ofNullable(value);
        }
        if (from.getSecretKeyRef() != null) {
            SecretKeySelector ref = from.getSecretKeyRef();
            boolean optional = isTrue(ref.getOptional());
            Optional<Secret> secret = source.secret(namespace, ref.getName());
            if (secret.isEmpty()) {
                if (optional) {
                    return Optional.empty();
                }
                throw secretNotFound(ref.getName());
            }
            String value = ConfigSource.text(ConfigSource.secretData(secret.get())).get(ref.getKey());
            if (value == null && !optional) {
                throw ContainerConfigException.configError("couldn't find key " + ref.getKey() + " in Secret "
                        + namespace + "/" + ref.getName());
            }
            return Optional.ofNullable(value);
        }
        return Optional.of("");
    }

    private static void addAll(Map<String, String> env, String prefix, Map<String, String> data, String kind,
                               String namespace, String name, List<String> warnings) {
        List<String> invalid = new ArrayList<>();
        new TreeMap<>(data).forEach((key, value) -> {
            String variable = prefix + key;
            if (isEnvVarName(variable)) {
                env.put(variable, value);
            } else {
                invalid.add(variable);
            }
        });
        if (!invalid.isEmpty()) {
            invalid.sort(null);
            warnings.add("Keys [" + String.join(", ", invalid) + "] from the EnvFrom " + kind + " " + namespace + "/"
                    + name + " were skipped since they are considered invalid environment variable names.");
        }
    }

    /** Kubernetes' {@code IsEnvVarName}. */
    static boolean isEnvVarName(String name) {
        return ENV_VAR_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..")
                && !name.startsWith("..");
    }

    /** Kubernetes' not-found error of the kubelet's ConfigMap cache. */
    public static ContainerConfigException configMapNotFound(String name) {
        return ContainerConfigException.configError("configmap \"" + name + "\" not found");
    }

    /** Kubernetes' not-found error of the kubelet's Secret cache. */
    public static ContainerConfigException secretNotFound(String name) {
        return ContainerConfigException.configError("secret \"" + name + "\" not found");
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}

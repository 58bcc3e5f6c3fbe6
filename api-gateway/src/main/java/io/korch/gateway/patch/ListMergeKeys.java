package io.korch.gateway.patch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the lists of korch's kinds merge, as Kubernetes' {@code patchMergeKey} and
 * {@code patchStrategy} tags declare them: a list of objects whose elements are told apart by a
 * key field ({@code containers} by {@code name}, container {@code ports} by {@code containerPort},
 * {@code volumeMounts} by {@code mountPath}, {@code volumes} by {@code name}, a Service's
 * {@code ports} by {@code port})
 * merges element by element; a list of strings tagged {@code merge} ({@code finalizers}) merges as
 * a set; every other list is replaced whole. Strategic merge patch and server-side apply both read
 * this table.
 *
 * <p>A list is named by its field path from the object's root with list elements left out:
 * {@code spec.template.spec.containers.ports} is the ports of a container of a Deployment's pod
 * template.
 */
public final class ListMergeKeys {

    /**
     * The merge keys of the lists of objects that merge by key, by the path's last field names. The
     * lists of a container are the same in {@code containers} and {@code initContainers}; every
     * list not named here ({@code envFrom}, a probe's {@code httpHeaders}, a volume's
     * {@code items}, {@code command}, {@code args}) is atomic, as Kubernetes tags it.
     */
    private static final Map<String, String> BY_SUFFIX = byPathSuffix();
    /** The lists of strings that merge as sets. */
    private static final List<String> SETS = List.of("metadata.finalizers");

    private ListMergeKeys() {
    }

    private static Map<String, String> byPathSuffix() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String containers : List.of("containers", "initContainers")) {
            keys.put(containers, "name");
            keys.put(containers + ".env", "name");
            keys.put(containers + ".ports", "containerPort");
            keys.put(containers + ".volumeMounts", "mountPath");
        }
        keys.put("spec.volumes", "name");
        keys.put("spec.ports", "port");
        keys.put("metadata.ownerReferences", "uid");
        keys.put("status.conditions", "type");
        keys.put("status.addresses", "type");
        keys.put("status.containerStatuses", "name");
        keys.put("status.initContainerStatuses", "name");
        keys.put("secrets", "name");
        return Collections.unmodifiableMap(keys);
    }

    /** The key that tells the elements of the list at {@code path} apart, when its elements merge by key. */
    public static Optional<String> mergeKey(String path) {
        return BY_SUFFIX.entrySet().stream()
                .filter(e -> path.equals(e.getKey()) || path.endsWith("." + e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Whether the list of strings at {@code path} merges as a set rather than being replaced. */
    public static boolean mergesAsSet(String path) {
        return SETS.stream().anyMatch(set -> path.equals(set) || path.endsWith("." + set));
    }
}

package io.korch.agent.services;

import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import io.korch.model.ClusterNetwork;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's view of every Service of the cluster with its ready endpoints, for the node proxy, DNS and the
 * Service environment variables.
 *
 * <p>Data flow: {@link #apply} takes the Services and EndpointSlices read from their topics (a null value is a
 * deletion), joins each changed Service with the slices labelled {@code kubernetes.io/service-name} with its name
 * ({@link ServiceEntries}), and then tells every {@link Listener} which Services changed, in the order the
 * changes were applied. Readers ({@link #entry}, {@link #inNamespace}) see the latest entries without locking.
 * A slice may arrive before its Service: it is kept and joined once the Service comes.
 */
public final class ServiceCatalog {

    /** Told of changed Services, on the thread that applied the change. */
    public interface Listener {
        /**
         * @param keys the {@code namespace/name} of each Service whose entry changed, appeared or went; the
         *             catalog already holds the new entries
         */
        void servicesChanged(Set<String> keys);
    }

    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, EndpointSlice> slices = new HashMap<>();
    /** Slice key → the key of the Service it belongs to. */
    private final Map<String, String> sliceOwners = new HashMap<>();
    /** Service key → its slices' keys. */
    private final Map<String, Set<String>> slicesByService = new HashMap<>();
    private final Map<String, ServiceEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ServiceEntry>> byNamespace = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener of later changes; it is not told of the entries the catalog already holds. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener} of changes. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Applies Services and slices as read, keyed like their topics ({@code namespace/name}), a null value for
     * a deletion, and tells the listeners which Services changed.
     */
    public synchronized void apply(Map<String, Service> changedServices, Map<String, EndpointSlice> changedSlices) {
        Set<String> affected = new LinkedHashSet<>();
        changedServices.forEach((key, service) -> {
            if (service == null) {
                services.remove(key);
            } else {
                services.put(key, service);
            }
            affected.add(key);
        });
        changedSlices.forEach((key, slice) -> affected.addAll(applySlice(key, slice)));
        Set<String> changed = new LinkedHashSet<>();
        for (String key : affected) {
            if (rebuild(key)) {
                changed.add(key);
            }
        }
        if (!changed.isEmpty()) {
            Set<String> keys = Set.copyOf(changed);
            listeners.forEach(listener -> listener.servicesChanged(keys));
        }
    }

    /** The entry of the Service {@code namespace/name}, if the catalog has it. */
    public Optional<ServiceEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The entry of Service {@code name} in {@code namespace}, if the catalog has it. */
    public Optional<ServiceEntry> entry(String namespace, String name) {
        return Optional.ofNullable(byNamespace.getOrDefault(namespace, Map.of()).get(name));
    }

    /** The Services of {@code namespace}. */
    public Collection<ServiceEntry> inNamespace(String namespace) {
        return List.copyOf(byNamespace.getOrDefault(namespace, Map.of()).values());
    }

    /** Every Service the catalog holds. */
    public Collection<ServiceEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The keys of the Services whose slices the change touches: the slice's Service before and after. */
    private Set<String> applySlice(String key, EndpointSlice slice) {
        Set<String> affected = new HashSet<>(2);
        String before = sliceOwners.remove(key);
        if (before != null) {
            slicesByService.computeIfPresent(before, (service, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
            affected.add(before);
        }
        slices.remove(key);
        String owner = slice == null ? null : owner(slice);
        if (owner != null) {
            slices.put(key, slice);
            sliceOwners.put(key, owner);
            slicesByService.computeIfAbsent(owner, service -> new HashSet<>()).add(key);
            affected.add(owner);
        }
        return affected;
    }

    /** The key of the Service a slice belongs to, by its {@code kubernetes.io/service-name} label. */
    private static String owner(EndpointSlice slice) {
        String service = slice.getMetadata().getLabels().get(ClusterNetwork.SERVICE_NAME_LABEL);
        String namespace = slice.getMetadata().getNamespace();
        return service == null || namespace == null ? null : namespace + "/" + service;
    }

    /** Recomputes the entry of {@code key}; whether it differs from the one held. */
    private boolean rebuild(String key) {
        Service service = services.get(key);
        ServiceEntry entry = null;
        if (service != null) {
            List<EndpointSlice> own = slicesByService.getOrDefault(key, Set.of()).stream().sorted()
                    .map(slices::get).toList();
            entry = ServiceEntries.of(service, own);
        }
        ServiceEntry before = entry == null ? entries.remove(key) : entries.put(key, entry);
        if (before != null && (entry == null || !before.namespace().equals(entry.namespace())
                || !before.name().equals(entry.name()))) {
            byNamespace.computeIfPresent(before.namespace(), (namespace, names) -> {
                names.remove(before.name());
                return names.isEmpty() ? null : names;
            });
        }
        if (entry != null) {
            byNamespace.computeIfAbsent(entry.namespace(), namespace -> new ConcurrentHashMap<>())
                    .put(entry.name(), entry);
        }
        return !Objects.equals(before, entry);
    }
}

package io.korch.controllers.endpoints;

import io.korch.api.Endpoint;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.controllers.Ids;
import io.korch.controllers.Ownership;
import io.korch.model.ClusterNetwork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a Service's EndpointSlices: given what they should hold ({@link DesiredEndpoints}) and the
 * slices written last, which slices to write and which to delete. Pure and idempotent: planned
 * again on its own output, it plans nothing.
 *
 * <p>As Kubernetes' endpointslice reconciler, it keeps churn low: an endpoint stays in the slice
 * that holds it (updated in place when its pod changed), new endpoints fill the slices of their
 * port list that have room, then new slices of at most {@link #MAX_ENDPOINTS_PER_SLICE}; a slice
 * left empty, or of a port list no pod has any more, is deleted. A Service with no endpoint keeps
 * one placeholder slice with neither endpoints nor ports, as Kubernetes shows it.
 *
 * <p>A new slice is named {@code <service>-<suffix>}, the suffix five characters of a hash of the
 * Service's uid, the slice's port list and an ordinal, so a rebuilt controller names it the same.
 */
public final class EndpointSliceReconciler {

    /** Kubernetes' default {@code --max-endpoints-per-slice}. */
    public static final int MAX_ENDPOINTS_PER_SLICE = 100;
    /** The label Kubernetes puts on the slices and Endpoints of a headless Service. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    /** The address type of every slice: korch's pod network is IPv4. */
    static final String IPV4 = "IPv4";
    /** The longest prefix of a generated name, so that with its suffix it stays a 63-character label. */
    private static final int MAX_PREFIX_LENGTH = 63 - Ids.SUFFIX_LENGTH;

    private static final Comparator<Endpoint> ENDPOINT_ORDER = Comparator
            .comparing((Endpoint endpoint) -> endpoint.getTargetRef().getName())
            .thenComparing(endpoint -> String.valueOf(endpoint.getTargetRef().getUid()));

    /**
     * What to do with the slices of one Service.
     *
     * @param writes  slices to create or update, each different from what was written last
     * @param deletes slices to delete
     */
    public record Plan(List<EndpointSlice> writes, List<EndpointSlice> deletes) {

        public boolean isEmpty() {
            return writes.isEmpty() && deletes.isEmpty();
        }
    }

    private EndpointSliceReconciler() {
    }

    /**
     * Plans the slices of {@code service}.
     *
     * @param desired  what they should hold
     * @param existing the slices written last for this Service
     * @param ids      gives the uid of a new slice
     * @param now      the creation time of a new slice
     */
    public static Plan reconcile(Service service, DesiredEndpoints desired, Collection<EndpointSlice> existing,
                                 Ids ids, Instant now) {
        List<EndpointSlice> sorted = new ArrayList<>(existing);
        sorted.sort(Comparator.comparing(slice -> slice.getMetadata().getName()));
        Set<String> names = new HashSet<>();
        sorted.forEach(slice -> names.add(slice.getMetadata().getName()));
        List<EndpointSlice> writes = new ArrayList<>();
        List<EndpointSlice> deletes = new ArrayList<>();
        if (desired.isEmpty()) {
            placeholder(service, sorted, names, ids, now, writes, deletes);
            return new Plan(writes, deletes);
        }
        Map<List<EndpointPort>, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
        for (EndpointSlice slice : sorted) {
            if (desired.byPorts().containsKey(slice.getPorts())) {
                existingByPorts.computeIfAbsent(slice.getPorts(), ports -> new ArrayList<>()).add(slice);
            } else {
                deletes.add(slice);
            }
        }
        desired.byPorts().forEach((ports, endpoints) -> group(service, ports, endpoints,
                existingByPorts.getOrDefault(ports, List.of()), names, ids, now, writes, deletes));
        return new Plan(writes, deletes);
    }

    /** Plans the slices of one port list. */
    private static void group(Service service, List<EndpointPort> ports, Map<String, Endpoint> desired,
                              List<EndpointSlice> existing, Set<String> names, Ids ids, Instant now,
                              List<EndpointSlice> writes, List<EndpointSlice> deletes) {
        Map<String, Endpoint> unplaced = new LinkedHashMap<>(desired);
        List<List<Endpoint>> contents = new ArrayList<>();
        for (EndpointSlice slice : existing) {
            List<Endpoint> kept = new ArrayList<>();
            for (Endpoint endpoint : slice.getEndpoints()) {
                Endpoint current = endpoint.getTargetRef() == null ? null : unplaced.remove(endpoint.getTargetRef().getUid());
                if (current != null) {
                    kept.add(current);
                }
            }
            contents.add(kept);
        }
        var rest = unplaced.values().iterator();
        for (List<Endpoint> kept : contents) {
            while (kept.size() < MAX_ENDPOINTS_PER_SLICE && rest.hasNext()) {
                kept.add(rest.next());
            }
        }
        for (int i = 0; i < existing.size(); i++) {
            EndpointSlice slice = existing.get(i);
            List<Endpoint> kept = contents.get(i);
            if (kept.isEmpty()) {
                deletes.add(slice);
            } else {
                writeIfChanged(slice, build(service, slice.getMetadata(), ports, kept), writes);
            }
        }
        int ordinal = 0;
        while (rest.hasNext()) {
            List<Endpoint> fresh = new ArrayList<>();
            while (fresh.size() < MAX_ENDPOINTS_PER_SLICE && rest.hasNext()) {
                fresh.add(rest.next());
            }
            String name;
            do {
                name = sliceName(service, ports, ordinal++);
            } while (!names.add(name));
            writes.add(build(service, newMetadata(service, name, ids, now), ports, fresh));
        }
    }

    /** Keeps one slice with no endpoints and no ports, reusing one that already is such. */
    private static void placeholder(Service service, List<EndpointSlice> existing, Set<String> names, Ids ids,
                                    Instant now, List<EndpointSlice> writes, List<EndpointSlice> deletes) {
        EndpointSlice kept = existing.stream()
                .filter(slice -> slice.getEndpoints().isEmpty() && slice.getPorts().isEmpty())
                .findFirst().orElse(null);
        for (EndpointSlice slice : existing) {
            if (slice != kept) {
                deletes.add(slice);
            }
        }
        if (kept != null) {
            writeIfChanged(kept, build(service, kept.getMetadata(), List.of(), List.of()), writes);
            return;
        }
        String name;
        int ordinal = 0;
        do {
            name = sliceName(service, List.of(), ordinal++);
        } while (!names.add(name));
        writes.add(build(service, newMetadata(service, name, ids, now), List.of(), List.of()));
    }

    private static void writeIfChanged(EndpointSlice previous, EndpointSlice next, List<EndpointSlice> writes) {
        if (!next.equals(previous)) {
            writes.add(next);
        }
    }

    /** The slice with {@code meta}'s name, uid and creation time, the Service's current labels and owner, and these contents. */
    private static EndpointSlice build(Service service, ObjectMeta meta, List<EndpointPort> ports, List<Endpoint> endpoints) {
        List<Endpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort(ENDPOINT_ORDER);
        ObjectMeta serviceMeta = service.getMetadata();
        ObjectMeta metadata = ObjectMeta.newBuilder()
                .setName(meta.getName())
                .setGenerateName(prefix(serviceMeta.getName()))
                .setNamespace(serviceMeta.getNamespace())
                .setUid(meta.getUid())
                .setCreationTimestamp(meta.getCreationTimestamp())
                .setLabels(sliceLabels(service))
                .setOwnerReferences(Ownership.controlledBy("v1", "Service", serviceMeta.getName(), serviceMeta.getUid()))
                .build();
        return EndpointSlice.newBuilder()
                .setMetadata(metadata)
                .setAddressType(IPV4)
                .setEndpoints(sorted)
                .setPorts(new ArrayList<>(ports))
                .build();
    }

    private static ObjectMeta newMetadata(Service service, String name, Ids ids, Instant now) {
        return ObjectMeta.newBuilder()
                .setName(name)
                .setNamespace(service.getMetadata().getNamespace())
                .setUid(ids.uid())
                .setCreationTimestamp(now)
                .build();
    }

    /**
     * The labels of a slice: the Service's own, then {@value ClusterNetwork#SERVICE_NAME_LABEL} and
     * {@value ClusterNetwork#MANAGED_BY_LABEL}, and {@value #HEADLESS_LABEL} for a headless Service.
     */
    static Map<String, String> sliceLabels(Service service) {
        Map<String, String> labels = serviceLabels(service);
        labels.put(ClusterNetwork.SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(ClusterNetwork.MANAGED_BY_LABEL, ClusterNetwork.ENDPOINTS_CONTROLLER);
        return labels;
    }

    /** The Service's labels, with {@value #HEADLESS_LABEL} set when it has no cluster IP and removed otherwise. */
    static Map<String, String> serviceLabels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.getMetadata().getLabels());
        if (headless(service)) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return labels;
    }

    /** Whether the Service has no cluster IP ({@code clusterIP: None}), as Kubernetes' {@code !IsServiceIPSet}. */
    static boolean headless(Service service) {
        String clusterIp = service.getSpec().getClusterIP();
        return clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp);
    }

    /** {@code <service>-}, cut so that a generated name stays within 63 characters. */
    static String prefix(String serviceName) {
        String prefix = serviceName + "-";
        return prefix.length() > MAX_PREFIX_LENGTH ? prefix.substring(0, MAX_PREFIX_LENGTH) : prefix;
    }

    /** The name of the {@code ordinal}th slice of {@code ports} of {@code service}: the same whenever it is asked. */
    static String sliceName(Service service, List<EndpointPort> ports, int ordinal) {
        String seed = service.getMetadata().getUid() + "|" + ports + "|" + ordinal;
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        StringBuilder name = new StringBuilder(prefix(service.getMetadata().getName()));
        for (int i = 0; i < Ids.SUFFIX_LENGTH; i++) {
            name.append(Ids.SUFFIX_ALPHABET.charAt((hash[i] & 0xff) % Ids.SUFFIX_ALPHABET.length()));
        }
        return name.toString();
    }
}

package io.korch.controllers.endpoints;

import io.korch.api.EndpointAddress;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSubset;
import io.korch.api.Endpoints;
import io.korch.api.ObjectMeta;
import io.korch.api.Service;
import io.korch.controllers.Ids;
import io.korch.model.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Service's v1 Endpoints object, as Kubernetes' endpoints controller does: its pods with an
 * IP, not ended and — unless the Service publishes not-ready addresses — not terminating, in
 * {@code addresses} when ready (or published regardless) and in {@code notReadyAddresses} otherwise,
 * grouped into subsets by the ports resolved for each pod. A headless Service without ports gets
 * its addresses in one subset without ports; any other Service without ports gets none. Pure.
 */
public final class EndpointsReconciler {

    private static final Comparator<EndpointAddress> ADDRESS_ORDER = Comparator
            .comparing((EndpointAddress address) -> Cidr.parseAddress(address.getIp()).orElse(-1L))
            .thenComparing(address -> address.getTargetRef() == null ? "" : String.valueOf(address.getTargetRef().getUid()));

    private EndpointsReconciler() {
    }

    /**
     * The Endpoints of {@code service}, whose selector matched {@code pods}.
     *
     * @param previous the Endpoints written last, whose uid and creation time are kept, or null
     * @param ids      gives the uid of new Endpoints
     * @param now      the creation time of new Endpoints
     */
    public static Endpoints endpoints(Service service, Collection<EndpointPod> pods, Endpoints previous, Ids ids,
                                      Instant now) {
        boolean publishNotReady = DesiredEndpoints.publishNotReadyAddresses(service);
        Map<List<EndpointPort>, EndpointSubset.Builder> subsets = new LinkedHashMap<>();
        List<EndpointPod> sorted = new ArrayList<>(pods);
        sorted.sort(DesiredEndpoints.POD_ORDER);
        for (EndpointPod pod : sorted) {
            if (!pod.inEndpoints(publishNotReady)) {
                continue;
            }
            List<EndpointPort> ports;
            if (service.getSpec().getPorts().isEmpty()) {
                if (!EndpointSliceReconciler.headless(service)) {
                    continue;
                }
                ports = List.of();
            } else {
                ports = DesiredEndpoints.ports(service, pod, new HashMap<>());
                if (ports.isEmpty()) {
                    continue;
                }
            }
            EndpointSubset.Builder subset = subsets.computeIfAbsent(ports, key -> EndpointSubset.newBuilder()
                    .setPorts(new ArrayList<>(key)).setAddresses(new ArrayList<>()).setNotReadyAddresses(new ArrayList<>()));
            EndpointAddress address = EndpointAddress.newBuilder()
                    .setIp(pod.ip())
                    .setHostname(DesiredEndpoints.hostname(service, pod))
                    .setNodeName(pod.nodeName())
                    .setTargetRef(DesiredEndpoints.podReference(pod))
                    .build();
            if (publishNotReady || pod.ready()) {
                subset.getAddresses().add(address);
            } else {
                subset.getNotReadyAddresses().add(address);
            }
        }
        List<EndpointSubset> built = new ArrayList<>();
        for (EndpointSubset.Builder subset : subsets.values()) {
            subset.getAddresses().sort(ADDRESS_ORDER);
            subset.getNotReadyAddresses().sort(ADDRESS_ORDER);
            built.add(subset.build());
        }
        ObjectMeta serviceMeta = service.getMetadata();
        ObjectMeta metadata = ObjectMeta.newBuilder()
                .setName(serviceMeta.getName())
                .setNamespace(serviceMeta.getNamespace())
                .setUid(previous == null ? ids.uid() : previous.getMetadata().getUid())
                .setCreationTimestamp(previous == null ? now : previous.getMetadata().getCreationTimestamp())
                .setLabels(EndpointSliceReconciler.serviceLabels(service))
                .build();
        return Endpoints.newBuilder().setMetadata(metadata).setSubsets(built).build();
    }
}

package io.korch.controllers.endpoints;

import io.korch.api.Endpoint;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointPort;
import io.korch.api.ObjectReference;
import io.korch.api.Service;
import io.korch.api.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a Service's EndpointSlices should hold, from the pods its selector matches: one endpoint per
 * pod that {@linkplain EndpointPod#inEndpoints belongs among them} (terminating pods included,
 * marked so), grouped by the ports resolved for that pod, as Kubernetes' endpointslice controller
 * groups them: a pod that lacks a named {@code targetPort} has a group of its own without that port,
 * and is listed in {@link #unresolved}.
 *
 * @param byPorts    the endpoints of each port list, by pod uid, in pod name order; port lists in the
 *                   order first met
 * @param unresolved for each pod and Service port whose {@code targetPort} the pod lacks
 *                   ({@code podName|portName}), why, for the Service's event
 */
public record DesiredEndpoints(Map<List<EndpointPort>, Map<String, Endpoint>> byPorts,
                               SortedMap<String, String> unresolved) {

    /** How the pods are ordered in a slice and in the groups: by name, then uid. */
    static final Comparator<EndpointPod> POD_ORDER =
            Comparator.comparing(EndpointPod::name).thenComparing(EndpointPod::uid, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The endpoints of {@code service}, whose selector matched {@code pods}. Pure. */
    public static DesiredEndpoints of(Service service, Collection<EndpointPod> pods) {
        List<EndpointPod> sorted = new ArrayList<>(pods);
        sorted.sort(POD_ORDER);
        Map<List<EndpointPort>, Map<String, Endpoint>> byPorts = new LinkedHashMap<>();
        SortedMap<String, String> unresolved = new TreeMap<>();
        for (EndpointPod pod : sorted) {
            if (!pod.inEndpoints(true)) {
                continue;
            }
            List<EndpointPort> ports = ports(service, pod, unresolved);
            byPorts.computeIfAbsent(ports, key -> new LinkedHashMap<>()).put(pod.uid(), endpoint(service, pod));
        }
        return new DesiredEndpoints(byPorts, unresolved);
    }

    /** Whether no pod is an endpoint. */
    public boolean isEmpty() {
        return byPorts.isEmpty();
    }

    /**
     * The ports of {@code service} resolved for {@code pod}, in the Service's order; a port whose
     * {@code targetPort} names no port of the pod is left out and recorded in {@code unresolved}.
     */
    static List<EndpointPort> ports(Service service, EndpointPod pod, Map<String, String> unresolved) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort servicePort : service.getSpec().getPorts()) {
            Integer resolved = TargetPorts.resolve(servicePort, pod.pod());
            if (resolved == null) {
                String portName = portName(servicePort);
                unresolved.put(pod.name() + "|" + (portName == null ? servicePort.getPort() : portName),
                        "Pod " + pod.name() + " has no container port named \"" + servicePort.getTargetPort()
                                + "\" (" + TargetPorts.protocol(servicePort.getProtocol()) + ") for port "
                                + (portName == null ? Integer.toString(servicePort.getPort()) : "\"" + portName + "\"")
                                + " of Service " + service.getMetadata().getName()
                                + ": the pod is left out of that port's endpoints");
                continue;
            }
            ports.add(EndpointPort.newBuilder()
                    .setName(portName(servicePort))
                    .setProtocol(TargetPorts.protocol(servicePort.getProtocol()))
                    .setPort(resolved)
                    .setAppProtocol(servicePort.getAppProtocol())
                    .build());
        }
        return ports;
    }

    /** The endpoint of {@code pod}, as Kubernetes' {@code podToEndpoint} makes it. */
    static Endpoint endpoint(Service service, EndpointPod pod) {
        boolean serving = pod.ready();
        boolean terminating = pod.terminating();
        boolean ready = publishNotReadyAddresses(service) || (serving && !terminating);
        return Endpoint.newBuilder()
                .setAddresses(new ArrayList<>(List.of(pod.ip())))
                .setConditions(EndpointConditions.newBuilder()
                        .setReady(ready).setServing(serving).setTerminating(terminating).build())
                .setHostname(hostname(service, pod))
                .setTargetRef(podReference(pod))
                .setNodeName(pod.nodeName())
                .build();
    }

    /** The reference to {@code pod} an endpoint or an address carries. */
    static ObjectReference podReference(EndpointPod pod) {
        return ObjectReference.newBuilder()
                .setKind("Pod").setNamespace(pod.namespace()).setName(pod.name()).setUid(pod.uid()).build();
    }

    /**
     * The pod's {@code spec.hostname} when it names itself under this Service ({@code spec.subdomain}
     * is the Service's name), else null: Kubernetes' {@code ShouldSetHostname}.
     */
    static String hostname(Service service, EndpointPod pod) {
        String hostname = pod.pod().getSpec().getHostname();
        boolean named = hostname != null && !hostname.isEmpty()
                && service.getMetadata().getName().equals(pod.pod().getSpec().getSubdomain())
                && service.getMetadata().getNamespace().equals(pod.namespace());
        return named ? hostname : null;
    }

    /** Whether the Service publishes its pods whether they are ready or not ({@code spec.publishNotReadyAddresses}). */
    static boolean publishNotReadyAddresses(Service service) {
        return Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    }

    /** The port's name, or null when it has none. */
    static String portName(ServicePort port) {
        return port.getName() == null || port.getName().isEmpty() ? null : port.getName();
    }
}

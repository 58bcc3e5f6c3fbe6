package io.korch.controllers.endpoints;

import io.korch.api.EndpointSlice;
import io.korch.api.Endpoints;
import io.korch.api.Event;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.api.Service;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.controllers.StoreKeys;
import io.korch.model.EventReasons;
import io.korch.model.Events;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Plans the endpoints controller's steps inside a processor: keeps the member index of each
 * Service up to date as its selector or its pods change, and reconciles the Services a step touches
 * — loads a Service's pods as they will be once the step's input is written ({@link InputWrite}),
 * runs the pure {@link EndpointSliceReconciler} and {@link EndpointsReconciler}, and turns what
 * changed into {@link Effects}: its stores first, then {@code korch.endpointslices},
 * {@code korch.endpoints} and, for a pod newly left out for lack of a named port, an event on the
 * Service. Only what differs from what was written last is written. Planning reads and never writes.
 */
final class EndpointsSync {

    /** The component its events name, as Kubernetes' endpointslice controller. */
    static final String COMPONENT = "endpoint-slice-controller";

    private final Ids ids;
    private final KeyValueStore<String, Service> services;
    private final KeyValueStore<String, String> selectors;
    private final KeyValueStore<String, Pod> pods;
    private final KeyValueStore<String, PodStatusReport> reports;
    private final KeyValueStore<String, String> members;
    private final KeyValueStore<String, EndpointSlice> slices;
    private final KeyValueStore<String, Endpoints> endpoints;
    private final KeyValueStore<String, String> unresolved;

    EndpointsSync(ProcessorContext<String, SpecificRecord> context, Ids ids) {
        this.ids = ids;
        this.services = context.getStateStore(EndpointsController.SERVICES_STORE);
        this.selectors = context.getStateStore(EndpointsController.SELECTORS_STORE);
        this.pods = context.getStateStore(EndpointsController.PODS_STORE);
        this.reports = context.getStateStore(EndpointsController.REPORTS_STORE);
        this.members = context.getStateStore(EndpointsController.MEMBERS_STORE);
        this.slices = context.getStateStore(EndpointsController.SLICES_STORE);
        this.endpoints = context.getStateStore(EndpointsController.ENDPOINTS_STORE);
        this.unresolved = context.getStateStore(EndpointsController.UNRESOLVED_STORE);
    }

    KeyValueStore<String, Pod> pods() {
        return pods;
    }

    KeyValueStore<String, PodStatusReport> reports() {
        return reports;
    }

    /** The pod at {@code podStoreKey} ({@code namespace/name/uid}) with its report, as {@code input} leaves them; null when not declared. */
    EndpointPod pod(InputWrite<?> input, String podStoreKey) {
        Pod pod = input.read(pods, podStoreKey);
        return pod == null ? null : new EndpointPod(pod, input.read(reports, podStoreKey));
    }

    /**
     * Plans the change of a pod from {@code before} to {@code after} (either null: not there), whose
     * own store writes {@code input} already holds: the member index of each Service of its namespace
     * that selects it before or after, and those Services to reconcile, added to {@code affected}
     * when its endpoint may differ.
     *
     * @return {@code input} followed by the member index writes
     */
    InputWrite<?> podChanged(InputWrite<?> input, String podStoreKey, EndpointPod before, EndpointPod after,
                             Set<String> affected) {
        if (before != null && after != null && before.endpointView().equals(after.endpointView())) {
            return input;
        }
        String namespace = Keys.namespace(Keys.podOfStatus(podStoreKey));
        for (Map.Entry<String, String> selector : input.scan(selectors, StoreKeys.prefix(namespace)).entrySet()) {
            boolean was = before != null && ServiceSelectors.matches(selector.getValue(), before.labels());
            boolean is = after != null && ServiceSelectors.matches(selector.getValue(), after.labels());
            if (!was && !is) {
                continue;
            }
            String serviceKey = Keys.of(namespace, selector.getKey().substring(namespace.length() + 1));
            if (was != is) {
                input = input.and(members, StoreKeys.of(serviceKey, podStoreKey), is ? podStoreKey : null);
            }
            affected.add(serviceKey);
        }
        return input;
    }

    /**
     * Plans the change of the Service at {@code serviceKey} to {@code service} (null: deleted): its
     * stores, its member index — rebuilt from the namespace's pods when its selector changed — and
     * its reconcile; a Service deleted or without selector has its slices and Endpoints deleted.
     */
    void serviceChanged(String serviceKey, Service service, Instant now, Effects effects) {
        String namespace = Keys.namespace(serviceKey);
        String selectorKey = StoreKeys.of(namespace, Keys.name(serviceKey));
        Map<String, String> selector = service == null ? Map.of() : service.getSpec().getSelector();
        String text = selector.isEmpty() ? null : ServiceSelectors.encode(selector);
        String previousText = selectors.get(selectorKey);
        InputWrite<?> input = new InputWrite<>(services, serviceKey, service).and(selectors, selectorKey, text);
        if (!Objects.equals(text, previousText)) {
            Set<String> current = new HashSet<>(input.scan(members, StoreKeys.prefix(serviceKey)).values());
            Set<String> matching = new HashSet<>();
            if (text != null) {
                for (Map.Entry<String, Pod> pod : input.scan(pods, namespace + "/").entrySet()) {
                    if (ServiceSelectors.matches(selector, pod.getValue().getMetadata().getLabels())) {
                        matching.add(pod.getKey());
                    }
                }
            }
            for (String gone : current) {
                if (!matching.contains(gone)) {
                    input = input.and(members, StoreKeys.of(serviceKey, gone), null);
                }
            }
            for (String added : matching) {
                if (!current.contains(added)) {
                    input = input.and(members, StoreKeys.of(serviceKey, added), added);
                }
            }
        }
        input.addTo(effects);
        if (text == null) {
            deleteOutputs(serviceKey, now, effects);
        } else {
            reconcile(serviceKey, input, now, effects);
        }
    }

    /** Adds {@code input}'s writes to {@code effects}, then reconciles each of {@code affected}. */
    void finish(InputWrite<?> input, Set<String> affected, Instant now, Effects effects) {
        input.addTo(effects);
        for (String serviceKey : affected) {
            reconcile(serviceKey, input, now, effects);
        }
    }

    /** Plans the slices, Endpoints and events of the Service at {@code serviceKey}, as {@code input} leaves the stores. */
    private void reconcile(String serviceKey, InputWrite<?> input, Instant now, Effects effects) {
        Service service = input.read(services, serviceKey);
        if (service == null || service.getSpec().getSelector().isEmpty()) {
            return;
        }
        List<EndpointPod> selected = new ArrayList<>();
        for (String podStoreKey : input.scan(members, StoreKeys.prefix(serviceKey)).values()) {
            EndpointPod pod = pod(input, podStoreKey);
            if (pod != null) {
                selected.add(pod);
            }
        }
        String namespace = Keys.namespace(serviceKey);
        DesiredEndpoints desired = DesiredEndpoints.of(service, selected);
        EndpointSliceReconciler.Plan plan = EndpointSliceReconciler.reconcile(service, desired,
                slicesOf(serviceKey), ids, now);
        for (EndpointSlice slice : plan.writes()) {
            String name = slice.getMetadata().getName();
            effects.put(slices, StoreKeys.of(serviceKey, name), slice)
                    .forward(EndpointsController.SLICES_SINK, Keys.of(namespace, name), slice, now);
        }
        for (EndpointSlice slice : plan.deletes()) {
            String name = slice.getMetadata().getName();
            effects.delete(slices, StoreKeys.of(serviceKey, name))
                    .forward(EndpointsController.SLICES_SINK, Keys.of(namespace, name), null, now);
        }
        Endpoints previous = endpoints.get(serviceKey);
        Endpoints next = EndpointsReconciler.endpoints(service, selected, previous, ids, now);
        if (!next.equals(previous)) {
            effects.put(endpoints, serviceKey, next).forward(EndpointsController.ENDPOINTS_SINK, serviceKey, next, now);
        }
        reportUnresolved(service, serviceKey, desired.unresolved(), now, effects);
    }

    /** An event for each pod and port newly left out for lack of the named port; the set is kept for the next reconcile. */
    private void reportUnresolved(Service service, String serviceKey, SortedMap<String, String> current, Instant now,
                                  Effects effects) {
        String previousText = unresolved.get(serviceKey);
        Set<String> previous = previousText == null ? Set.of() : new HashSet<>(Arrays.asList(previousText.split("\n")));
        for (Map.Entry<String, String> entry : current.entrySet()) {
            if (!previous.contains(entry.getKey())) {
                Event event = Events.of(Events.ref("Service", service.getMetadata().getNamespace(),
                                service.getMetadata().getName(), service.getMetadata().getUid()), Events.WARNING,
                        EventReasons.FAILED_TO_RESOLVE_TARGET_PORT, entry.getValue(), COMPONENT, null, now);
                effects.forward(EndpointsController.EVENTS_SINK, Events.key(event), event, now);
            }
        }
        String text = current.isEmpty() ? null : String.join("\n", new LinkedHashSet<>(current.keySet()));
        if (!Objects.equals(text, previousText)) {
            effects.put(unresolved, serviceKey, text);
        }
    }

    /** The slices written last for the Service at {@code serviceKey}. */
    private List<EndpointSlice> slicesOf(String serviceKey) {
        return new ArrayList<>(InputWrite.<EndpointSlice>none().scan(slices, StoreKeys.prefix(serviceKey)).values());
    }

    /** Tombstones the slices and the Endpoints of the Service at {@code serviceKey}. */
    private void deleteOutputs(String serviceKey, Instant now, Effects effects) {
        String namespace = Keys.namespace(serviceKey);
        for (EndpointSlice slice : slicesOf(serviceKey)) {
            String name = slice.getMetadata().getName();
            effects.delete(slices, StoreKeys.of(serviceKey, name))
                    .forward(EndpointsController.SLICES_SINK, Keys.of(namespace, name), null, now);
        }
        if (endpoints.get(serviceKey) != null) {
            effects.delete(endpoints, serviceKey).forward(EndpointsController.ENDPOINTS_SINK, serviceKey, null, now);
        }
        if (unresolved.get(serviceKey) != null) {
            effects.delete(unresolved, serviceKey);
        }
    }
}

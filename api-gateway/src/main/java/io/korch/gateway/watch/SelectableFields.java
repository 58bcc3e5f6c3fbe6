package io.korch.gateway.watch;

import io.korch.api.Event;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.Pod;
import io.korch.gateway.resource.ObjectRecords;
import io.korch.model.ApiKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields a {@link FieldSelector} may select objects of each kind by, as Kubernetes' field label
 * conversions allow them, with how to read each from the object as served: {@code metadata.name}
 * and {@code metadata.namespace} for every kind; for pods also {@code spec.nodeName},
 * {@code spec.restartPolicy}, {@code status.phase} and {@code status.podIP} (what
 * {@code kubectl describe node} asks with
 * {@code spec.nodeName=N,status.phase!=Succeeded,status.phase!=Failed}); {@code status.phase} of a
 * namespace; {@code spec.unschedulable} of a node; of an event its involved object's
 * {@code kind}, {@code namespace}, {@code name} and {@code uid}, its {@code reason} and its {@code type}.
 */
public final class SelectableFields {

    /** The fields of every object. */
    public static final Map<String, Function<SpecificRecord, String>> METADATA = fields(Map.of());

    private static final Map<ApiKind, Map<String, Function<SpecificRecord, String>>> BY_KIND = Map.of(
            ApiKind.POD, fields(podFields()),
            ApiKind.NAMESPACE, fields(Map.of("status.phase", object -> {
                Namespace namespace = (Namespace) object;
                return namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
            })),
            ApiKind.NODE, fields(Map.of("spec.unschedulable", object -> {
                Node node = (Node) object;
                boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
                return Boolean.toString(unschedulable);
            })),
            ApiKind.EVENT, fields(eventFields()));

    private SelectableFields() {
    }

    /** The fields objects of {@code kind} are selected by, in the order they are documented. */
    public static Map<String, Function<SpecificRecord, String>> of(ApiKind kind) {
        return BY_KIND.getOrDefault(kind, METADATA);
    }

    private static Map<String, Function<SpecificRecord, String>> podFields() {
        Map<String, Function<SpecificRecord, String>> pod = new LinkedHashMap<>();
        pod.put("spec.nodeName", object -> ((Pod) object).getSpec().getNodeName());
        pod.put("spec.restartPolicy", object -> ((Pod) object).getSpec().getRestartPolicy());
        pod.put("status.phase", object -> {
            Pod served = (Pod) object;
            return served.getStatus() == null ? null : served.getStatus().getPhase();
        });
        pod.put("status.podIP", object -> {
            Pod served = (Pod) object;
            return served.getStatus() == null ? null : served.getStatus().getPodIP();
        });
        return pod;
    }

    private static Map<String, Function<SpecificRecord, String>> eventFields() {
        Map<String, Function<SpecificRecord, String>> event = new LinkedHashMap<>();
        event.put("involvedObject.kind", object -> ((Event) object).getInvolvedObject().getKind());
        event.put("involvedObject.namespace", object -> ((Event) object).getInvolvedObject().getNamespace());
        event.put("involvedObject.name", object -> ((Event) object).getInvolvedObject().getName());
        event.put("involvedObject.uid", object -> ((Event) object).getInvolvedObject().getUid());
        event.put("reason", object -> ((Event) object).getReason());
        event.put("type", object -> ((Event) object).getType());
        return event;
    }

    private static Map<String, Function<SpecificRecord, String>> fields(Map<String, Function<SpecificRecord, String>> own) {
        Map<String, Function<SpecificRecord, String>> fields = new LinkedHashMap<>();
        fields.put("metadata.name", object -> ObjectRecords.metadata(object).getName());
        fields.put("metadata.namespace", object -> ObjectRecords.metadata(object).getNamespace());
        fields.putAll(own);
        return Collections.unmodifiableMap(fields);
    }
}

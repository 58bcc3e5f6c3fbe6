package io.korch.cli.output.describe;

import io.korch.api.Endpoint;
import io.korch.api.EndpointConditions;
import io.korch.api.EndpointSlice;
import io.korch.cli.output.DescribeWriter;

/**
 * {@code korch describe endpointslice}, laid out as kubectl's: metadata, the address type, the
 * ports, and each endpoint with its addresses, conditions, pod and node.
 */
public final class EndpointSliceDescriber {

    private static final String UNSET = "<unset>";

    private EndpointSliceDescriber() {
    }

    /** The report of {@code slice}. */
    public static String describe(EndpointSlice slice, EventHistory events, DescribeContext at) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", slice.getMetadata().getName());
        w.field(0, "Namespace", slice.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, slice.getMetadata());
        w.field(0, "AddressType", slice.getAddressType());
        if (slice.getPorts().isEmpty()) {
            w.field(0, "Ports", UNSET);
        } else {
            w.line(0, "Ports:");
            w.table(1, EndpointsDescriber.ports(slice.getPorts()));
        }
        if (slice.getEndpoints().isEmpty()) {
            w.field(0, "Endpoints", UNSET);
        } else {
            w.line(0, "Endpoints:");
            for (Endpoint endpoint : slice.getEndpoints()) {
                w.line(1, "- Addresses:\t" + String.join(",", endpoint.getAddresses()));
                EndpointConditions conditions = endpoint.getConditions();
                w.line(2, "Conditions:");
                w.line(3, "Ready:\t" + (conditions == null || conditions.getReady() == null ? UNSET : conditions.getReady()));
                w.line(2, "Hostname:\t" + orUnset(endpoint.getHostname()));
                w.line(2, "TargetRef:\t" + (endpoint.getTargetRef() == null ? UNSET
                        : endpoint.getTargetRef().getKind() + "/" + endpoint.getTargetRef().getName()));
                w.line(2, "NodeName:\t" + orUnset(endpoint.getNodeName()));
                w.line(2, "Zone:\t" + orUnset(endpoint.getZone()));
            }
        }
        events.write(w, at);
        return w.render();
    }

    private static String orUnset(String value) {
        return value == null || value.isEmpty() ? UNSET : value;
    }
}

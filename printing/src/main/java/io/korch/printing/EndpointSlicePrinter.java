package io.korch.printing;

import io.korch.api.Endpoint;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EndpointSlices as {@code kubectl get endpointslices} shows them: {@code NAME ADDRESSTYPE PORTS
 * ENDPOINTS AGE}, PORTS and ENDPOINTS listing the first three ({@code + 2 more...} after them),
 * {@code <unset>} when there are none.
 */
public final class EndpointSlicePrinter implements TablePrinter<EndpointSlice> {

    private static final int SHOWN = 3;

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("AddressType", "addressType specifies the type of address carried by this EndpointSlice."
                    + " All addresses in this slice must be the same type. This field is immutable after creation."),
            Column.string("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice."
                    + " Each port must have a unique name."),
            Column.string("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include"
                    + " a maximum of 1000 endpoints."),
            Column.age());

    EndpointSlicePrinter() {
    }

    @Override
    public Class<EndpointSlice> type() {
        return EndpointSlice.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(EndpointSlice slice, Instant now) {
        List<String> ports = new ArrayList<>();
        for (EndpointPort port : slice.getPorts()) {
            ports.add(port.getPort() != null ? Integer.toString(port.getPort())
                    : port.getName() != null ? port.getName() : "*");
        }
        List<String> addresses = new ArrayList<>();
        for (Endpoint endpoint : slice.getEndpoints()) {
            addresses.addAll(endpoint.getAddresses());
        }
        return List.of(slice.getMetadata().getName(), slice.getAddressType(), firstFew(ports), firstFew(addresses),
                Ages.age(slice.getMetadata().getCreationTimestamp(), now));
    }

    /** The first three of {@code items} joined by commas, with how many more; {@code <unset>} when none. */
    static String firstFew(List<String> items) {
        if (items.isEmpty()) {
            return "<unset>";
        }
        String shown = String.join(",", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? shown + " + " + (items.size() - SHOWN) + " more..." : shown;
    }
}

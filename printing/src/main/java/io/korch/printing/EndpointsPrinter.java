package io.korch.printing;

import io.korch.api.EndpointAddress;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSubset;
import io.korch.api.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints as {@code kubectl get endpoints} shows them: {@code NAME ENDPOINTS AGE}, ENDPOINTS
 * listing the first three ready {@code ip:port} pairs ({@code + 2 more...} after them),
 * {@code <none>} when there is no subset.
 */
public final class EndpointsPrinter implements TablePrinter<Endpoints> {

    private static final int SHOWN = 3;

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed"
                    + " into subsets according to the IPs they share. A single address with multiple ports, some of"
                    + " which are ready and some of which are not (because they come from different containers) will"
                    + " result in the address being displayed in different subsets for the different ports. No address"
                    + " will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and"
                    + " ports that comprise a service."),
            Column.age());

    EndpointsPrinter() {
    }

    @Override
    public Class<Endpoints> type() {
        return Endpoints.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Endpoints endpoints, Instant now) {
        return List.of(endpoints.getMetadata().getName(), endpoints(endpoints),
                Ages.age(endpoints.getMetadata().getCreationTimestamp(), now));
    }

    /** The ready addresses of every subset with each of its ports, as kubectl lists them. */
    static String endpoints(Endpoints endpoints) {
        if (endpoints.getSubsets().isEmpty()) {
            return Cells.NONE;
        }
        List<String> all = new ArrayList<>();
        for (EndpointSubset subset : endpoints.getSubsets()) {
            if (subset.getPorts().isEmpty()) {
                subset.getAddresses().forEach(address -> all.add(address.getIp()));
                continue;
            }
            for (EndpointPort port : subset.getPorts()) {
                for (EndpointAddress address : subset.getAddresses()) {
                    all.add(address.getIp() + ":" + port.getPort());
                }
            }
        }
        String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
        return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
    }
}

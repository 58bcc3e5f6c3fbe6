package io.korch.cli.output.describe;

import io.korch.api.EndpointAddress;
import io.korch.api.EndpointPort;
import io.korch.api.EndpointSubset;
import io.korch.api.Endpoints;
import io.korch.cli.output.DescribeWriter;
import io.korch.cli.output.Table;
import java.util.List;
import java.util.stream.Collectors;

/** {@code korch describe endpoints}, laid out as kubectl's: metadata, then each subset's addresses and ports. */
public final class EndpointsDescriber {

    private EndpointsDescriber() {
    }

    /** The report of {@code endpoints}. */
    public static String describe(Endpoints endpoints, EventHistory events, DescribeContext at) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", endpoints.getMetadata().getName());
        w.field(0, "Namespace", endpoints.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, endpoints.getMetadata());
        w.line(0, "Subsets:");
        for (EndpointSubset subset : endpoints.getSubsets()) {
            w.field(1, "Addresses", ips(subset.getAddresses()));
            w.field(1, "NotReadyAddresses", ips(subset.getNotReadyAddresses()));
            if (!subset.getPorts().isEmpty()) {
                w.line(1, "Ports:");
                w.table(2, ports(subset.getPorts()));
            }
            w.line(0, "");
        }
        events.write(w, at);
        return w.render();
    }

    static Table ports(List<EndpointPort> ports) {
        Table table = Table.of("Name", "Port", "Protocol");
        for (EndpointPort port : ports) {
            table.row(port.getName() == null || port.getName().isEmpty() ? "<unset>" : port.getName(),
                    port.getPort() == null ? "<unset>" : port.getPort().toString(),
                    port.getProtocol() == null ? "TCP" : port.getProtocol());
        }
        return table;
    }

    private static String ips(List<EndpointAddress> addresses) {
        return addresses.stream().map(EndpointAddress::getIp).collect(Collectors.joining(","));
    }
}

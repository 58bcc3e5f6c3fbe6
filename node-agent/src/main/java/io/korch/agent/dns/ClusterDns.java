package io.korch.agent.dns;

import io.korch.agent.services.ServiceCatalog;
import io.korch.agent.services.ServiceEntry;
import io.korch.agent.services.ServiceEntry.Backend;
import io.korch.agent.services.ServiceEntry.ReadyEndpoint;
import io.korch.model.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers DNS queries for the cluster's names from the {@link ServiceCatalog}, as CoreDNS's {@code kubernetes}
 * plugin does, at the moment of the query (no cache, so an answer follows a change of the catalog at once):
 * <ul>
 *   <li>{@code NAME.NAMESPACE.svc.cluster.local} A: the ClusterIP; for a headless Service its ready endpoints'
 *       addresses; SRV: one record per named port ({@code _port._proto.NAME...} for one port), the target being
 *       the Service's name, or for a headless Service each endpoint's name;</li>
 *   <li>{@code HOSTNAME.NAME.NAMESPACE.svc.cluster.local}: the endpoint of a headless Service with that
 *       {@code hostname} (a pod's hostname and subdomain), or whose address is written with dashes;</li>
 *   <li>{@code A-B-C-D.NAMESPACE.pod.cluster.local}: the address A.B.C.D (CoreDNS's {@code pods insecure});</li>
 *   <li>any other name under {@code cluster.local}: NXDOMAIN, with the zone's SOA; a name that exists without
 *       records of the asked type: no answer (NODATA), with the SOA;</li>
 *   <li>any name outside {@code cluster.local}: REFUSED; nothing is forwarded.</li>
 * </ul>
 * Every record has a TTL of {@link #TTL} seconds. Pure but for reading the catalog.
 */
public final class ClusterDns {

    /** The TTL of every answer, and the negative-caching time of the SOA. */
    public static final int TTL = 5;

    private final ServiceCatalog catalog;
    private final Name zone;
    private final SOARecord soa;

    public ClusterDns(ServiceCatalog catalog, String domain) {
        this.catalog = catalog;
        try {
            this.zone = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
            this.soa = new SOARecord(zone, DClass.IN, TTL, Name.fromString("ns.dns", zone),
                    Name.fromString("hostmaster", zone), 1, 7200, 1800, 86400, TTL);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("invalid cluster domain " + domain, e);
        }
    }

    /**
     * The answer to the query in {@code wire}, encoded; for UDP at most the query's EDNS payload size (512 bytes
     * without EDNS), truncated with the TC flag beyond.
     *
     * @param udp whether the answer goes back over UDP
     */
    public byte[] answer(byte[] wire, boolean udp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return formatError(wire);
        }
        Message response = answer(query);
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        return udp ? response.toWire(limit) : response.toWire();
    }

    /** The answer to {@code query}. */
    public Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            header.setRcode(Rcode.NOTIMP);
            return response;
        }
        if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
            header.setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(zone) || question.getDClass() != DClass.IN) {
            header.setRcode(Rcode.REFUSED);
            return response;
        }
        header.setFlag(Flags.AA);
        Optional<List<Record>> records = lookup(name, question.getType());
        if (records.isEmpty()) {
            header.setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa, Section.AUTHORITY);
        } else if (records.get().isEmpty()) {
            response.addRecord(soa, Section.AUTHORITY);
        } else {
            for (Record record : records.get()) {
                response.addRecord(record, record.getType() == question.getType()
                        || question.getType() == Type.ANY ? Section.ANSWER : Section.ADDITIONAL);
            }
        }
        return response;
    }

    /** The records of {@code name} of {@code type} (and the A records SRV targets need); empty when the name does not exist. */
    private Optional<List<Record>> lookup(Name name, int type) {
        List<String> labels = labels(name);
        int n = labels.size();
        if (n == 0) {
            return Optional.of(type == Type.SOA || type == Type.ANY ? List.of(soa) : List.of());
        }
        if (labels.get(n - 1).equals("svc")) {
            return switch (n) {
                case 1 -> Optional.of(List.of());
                case 2 -> catalog.inNamespace(labels.get(0)).isEmpty() ? Optional.empty() : Optional.of(List.of());
                case 3 -> catalog.entry(labels.get(1), labels.get(0)).map(service -> serviceRecords(name, service, type));
                case 4 -> catalog.entry(labels.get(2), labels.get(1))
                        .flatMap(service -> endpointRecords(name, service, labels.get(0), type));
                case 5 -> catalog.entry(labels.get(3), labels.get(2))
                        .flatMap(service -> portRecords(name, service, labels.get(0), labels.get(1), type));
                default -> Optional.empty();
            };
        }
        if (labels.get(n - 1).equals("pod") && n == 3) {
            return dashedAddress(labels.get(0)).map(address -> type == Type.A || type == Type.ANY
                    ? List.<Record>of(a(name, address)) : List.of());
        }
        return Optional.empty();
    }

    private List<Record> serviceRecords(Name name, ServiceEntry service, int type) {
        List<Record> records = new ArrayList<>();
        if (type == Type.A || type == Type.ANY) {
            records.addAll(addresses(name, service));
        }
        if (type == Type.SRV || type == Type.ANY) {
            for (ServiceEntry.Port port : service.ports()) {
                if (!port.name().isEmpty()) {
                    srv(name, service, port, records);
                }
            }
        }
        return records;
    }

    private Optional<List<Record>> endpointRecords(Name name, ServiceEntry service, String label, int type) {
        if (!service.headless()) {
            return Optional.empty();
        }
        for (ReadyEndpoint endpoint : service.endpoints()) {
            if (label.equals(endpointLabel(endpoint))) {
                return Optional.of(type == Type.A || type == Type.ANY
                        ? List.of(a(name, endpoint.address())) : List.of());
            }
        }
        return Optional.empty();
    }

    private Optional<List<Record>> portRecords(Name name, ServiceEntry service, String portLabel, String protoLabel,
                                               int type) {
        if (!portLabel.startsWith("_") || !protoLabel.startsWith("_")) {
            return Optional.empty();
        }
        String portName = portLabel.substring(1);
        String protocol = protoLabel.substring(1);
        for (ServiceEntry.Port port : service.ports()) {
            if (port.name().equals(portName) && port.protocol().toLowerCase(Locale.ROOT).equals(protocol)) {
                List<Record> records = new ArrayList<>();
                if (type == Type.SRV || type == Type.ANY) {
                    srv(name, service, port, records);
                } else if (type == Type.A) {
                    records.addAll(addresses(name, service));
                }
                return Optional.of(records);
            }
        }
        return Optional.empty();
    }

    private List<Record> addresses(Name name, ServiceEntry service) {
        if (service.hasClusterIP()) {
            return Cidr.parseAddress(service.clusterIP()).isPresent() ? List.of(a(name, service.clusterIP())) : List.of();
        }
        if (service.headless()) {
            return service.endpoints().stream().filter(endpoint -> Cidr.parseAddress(endpoint.address()).isPresent())
                    .map(endpoint -> (Record) a(name, endpoint.address())).toList();
        }
        return List.of();
    }

    /** Adds the SRV records of {@code port} to {@code records}, followed by the A records of their targets. */
    private void srv(Name name, ServiceEntry service, ServiceEntry.Port port, List<Record> records) {
        Name serviceName = child(service.name() + "." + service.namespace() + ".svc");
        if (service.hasClusterIP()) {
            records.add(new SRVRecord(name, DClass.IN, TTL, 0, 100, port.port(), serviceName));
            records.addAll(addresses(serviceName, service));
            return;
        }
        if (!service.headless()) {
            return;
        }
        List<Record> targets = new ArrayList<>();
        int weight = Math.max(1, 100 / Math.max(1, service.endpoints().size()));
        for (ReadyEndpoint endpoint : service.endpoints()) {
            Backend backend = port.backends().stream().filter(b -> b.ip().equals(endpoint.address())).findFirst()
                    .orElse(null);
            if (backend != null) {
                Name target = child(endpointLabel(endpoint) + "." + service.name() + "." + service.namespace() + ".svc");
                records.add(new SRVRecord(name, DClass.IN, TTL, 0, weight, backend.port(), target));
                targets.add(a(target, endpoint.address()));
            }
        }
        records.addAll(targets);
    }

    /** An endpoint's name under its headless Service: its hostname, else its address with dashes. */
    private static String endpointLabel(ReadyEndpoint endpoint) {
        return endpoint.hostname() != null && !endpoint.hostname().isEmpty()
                ? endpoint.hostname().toLowerCase(Locale.ROOT) : endpoint.address().replace('.', '-');
    }

    private static Optional<String> dashedAddress(String label) {
        String address = label.replace('-', '.');
        return Cidr.parseAddress(address).map(value -> address);
    }

    /** The labels of {@code name} below the zone, lower-cased, leftmost first. */
    private List<String> labels(Name name) {
        Name relative = name.relativize(zone);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < relative.labels(); i++) {
            String label = relative.getLabelString(i);
            if (!label.isEmpty()) {
                labels.add(label.toLowerCase(Locale.ROOT));
            }
        }
        return labels;
    }

    private Name child(String relative) {
        try {
            return Name.fromString(relative, zone);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + relative, e);
        }
    }

    private static ARecord a(Name name, String address) {
        long value = Cidr.parseAddress(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + address));
        byte[] bytes = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
        try {
            return new ARecord(name, DClass.IN, TTL, InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e);
        }
    }

    /** A FORMERR answer to bytes that are no DNS message, with their ID when they have one. */
    private static byte[] formatError(byte[] wire) {
        Message response = new Message(wire.length >= 2 ? ((wire[0] & 0xff) << 8) | (wire[1] & 0xff) : 0);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }
}

package io.korch.benchmarks;

import io.korch.agent.proxy.ListenAddress;
import io.korch.agent.proxy.ServiceCidrRoute;
import io.korch.agent.proxy.ProxyMode;
import io.korch.agent.proxy.ServiceNetwork;
import io.korch.agent.proxy.iptables.IptablesProxier;
import io.korch.api.EndpointSlice;
import io.korch.api.Service;
import io.korch.kafka.embedded.EmbeddedKafkaBroker;
import io.korch.model.ClusterNetwork;
import io.korch.topics.KorchPartitioner;
import io.korch.topics.Topic;
import io.korch.topics.TopicAdmin;
import io.korch.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * How long an EndpointSlice change takes to reach the node proxy and DNS, at {@code --services} Services of
 * {@code --endpoints} endpoints each.
 *
 * <p>Starts a real broker in the process, writes the Services (every other one headless) and one slice per
 * Service to their topics, then starts a node's Service network ({@link ServiceNetwork}: catalog, proxy, DNS,
 * the Service CIDR routed locally) and times its start. Then, {@code --changes} times, one after the other, it
 * turns one endpoint of a random Service ready or not ready by writing its slice again, and times from just
 * before the write until the change shows: for a ClusterIP Service until the proxy's listener forwards to the
 * new set of endpoints, for a headless Service until a DNS query (UDP, to the running server) answers the new
 * set of addresses. The endpoints are addresses of the pod network no pod has: nothing is dialled but DNS. With
 * {@code --mode iptables} the proxy's side is the kernel's rules: a change shows once the {@code iptables-restore}
 * that writes it returned (the rules are removed at the end).
 *
 * <p>{@code java ... io.korch.benchmarks.ServiceChangeLatency [--services 1000] [--endpoints 10] [--changes 400]
 * [--mode userspace|iptables]}
 * needs root (the local route of the Service network).
 */
public final class ServiceChangeLatency {

    private static final String NAMESPACE = "bench";
    private static final InetSocketAddress DNS = new InetSocketAddress("10.96.250.53", 53);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);

    record Options(int services, int endpoints, int changes, ProxyMode mode) {
    }

    /** Milliseconds per sample, and the start of the Service network. */
    record Report(double startMillis, int listeners, long[] proxyMicros, long[] dnsMicros, int missed) {
    }

    private ServiceChangeLatency() {
    }

    public static void main(String[] args) {
        Args parsed = Args.parse(args, Set.of("services", "endpoints", "changes", "mode"));
        Options options = new Options(parsed.positiveInt("services", 1000), parsed.positiveInt("endpoints", 10),
                parsed.positiveInt("changes", 400), ProxyMode.parse(parsed.string("mode", "userspace")));
        Report report = run(options, System.out);
        System.exit(report.missed() == 0 ? 0 : 1);
    }

    static Report run(Options options, PrintStream out) {
        out.printf("korch service change latency, %s mode: %d Services x %d endpoints, %d changes; Java %s, %d cpus%n",
                options.mode(), options.services(), options.endpoints(), options.changes(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            TopicAdmin.createTopics(broker.bootstrapServers(), 1, (short) 1);
            boolean[][] ready = new boolean[options.services()][options.endpoints()];
            for (boolean[] row : ready) {
                Arrays.fill(row, true);
            }
            for (int s = 0; s < options.services(); s++) {
                send(producer, Topics.SERVICES, NAMESPACE + "/" + name(s), service(s));
                send(producer, Topics.ENDPOINT_SLICES, NAMESPACE + "/" + name(s) + "-1", slice(s, options, ready[s]));
            }
            producer.flush();
            long start = System.nanoTime();
            try (ServiceNetwork network = ServiceNetwork.start(broker.bootstrapServers(), "bench",
                    new ServiceNetwork.Settings("127.0.0.1", DNS, ClusterNetwork.SERVICE_CIDR, 2, options.mode()),
                    Duration.ofSeconds(60));
                 DatagramSocket dns = new DatagramSocket()) {
                double startMillis = (System.nanoTime() - start) / 1e6;
                int listeners = network.kernel() == null ? network.proxy().listening().size()
                        : network.kernel().applied().size();
                out.printf("Service network started in %.0f ms (%s mode): %d %s, DNS on %s, route %s%n", startMillis,
                        network.mode(), listeners, network.kernel() == null ? "listeners" : "iptables rules",
                        network.dnsAddress(),
                        new ServiceCidrRoute(ClusterNetwork.SERVICE_CIDR).present() ? "present" : "MISSING");
                dns.setSoTimeout(1000);
                return measure(options, producer, network, dns, ready, startMillis, listeners, out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Report measure(Options options, KafkaProducer<byte[], byte[]> producer, ServiceNetwork network,
                                  DatagramSocket dns, boolean[][] ready, double startMillis, int listeners,
                                  PrintStream out) throws IOException {
        Random random = new Random(42);
        List<Long> proxy = new ArrayList<>();
        List<Long> names = new ArrayList<>();
        int missed = 0;
        for (int change = 0; change < options.changes(); change++) {
            int s = random.nextInt(options.services());
            int e = random.nextInt(options.endpoints());
            ready[s][e] = !ready[s][e];
            int expected = count(ready[s]);
            long sent = System.nanoTime();
            send(producer, Topics.ENDPOINT_SLICES, NAMESPACE + "/" + name(s) + "-1", slice(s, options, ready[s]));
            long deadline = sent + CHANGE_TIMEOUT.toNanos();
            boolean seen = false;
            if (headless(s)) {
                while (!seen && System.nanoTime() < deadline) {
                    seen = aRecords(dns, name(s)) == expected;
                }
                if (seen) {
                    names.add((System.nanoTime() - sent) / 1000);
                }
            } else {
                ListenAddress address = new ListenAddress(clusterIP(s), 80, "TCP");
                while (!seen && System.nanoTime() < deadline) {
                    seen = endpoints(network, s, address) == expected;
                    if (!seen) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                    }
                }
                if (seen) {
                    proxy.add((System.nanoTime() - sent) / 1000);
                }
            }
            if (!seen) {
                missed++;
            }
        }
        Report report = new Report(startMillis, listeners, sorted(proxy), sorted(names), missed);
        print(report, out);
        return report;
    }

    /**
     * The endpoints new connections to Service {@code s} go to: its proxy listener's, or in the iptables mode the
     * endpoint chains its {@code SVC} chain jumps to in the rules the last {@code iptables-restore} wrote.
     */
    private static int endpoints(ServiceNetwork network, int s, ListenAddress address) {
        IptablesProxier kernel = network.kernel();
        if (kernel == null) {
            return network.proxy().backends(address).map(List::size).orElse(0);
        }
        String chain = kernel.chains().service(NAMESPACE + "/" + name(s) + ":http", "TCP");
        return (int) kernel.applied().rules("nat", chain).stream().filter(rule -> rule.contains("-SEP-")).count();
    }

    private static void print(Report report, PrintStream out) {
        out.println();
        out.println("| reflected in | changes | p50 | p90 | p99 | max |");
        out.println("|---|---|---|---|---|---|");
        row(out, "node proxy (ClusterIP listener's endpoints, or the iptables rules written)", report.proxyMicros());
        row(out, "DNS (headless Service's A records)", report.dnsMicros());
        out.printf("%nmissed (not seen within %d s): %d%n", CHANGE_TIMEOUT.toSeconds(), report.missed());
    }

    private static void row(PrintStream out, String what, long[] micros) {
        if (micros.length == 0) {
            out.printf("| %s | 0 | | | | |%n", what);
            return;
        }
        out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", what, micros.length,
                Stats.percentile(micros, 50) / 1000.0, Stats.percentile(micros, 90) / 1000.0,
                Stats.percentile(micros, 99) / 1000.0, micros[micros.length - 1] / 1000.0);
    }

    private static int aRecords(DatagramSocket socket, String service) throws IOException {
        Message query = Message.newQuery(Record.newRecord(
                Name.fromString(service + "." + NAMESPACE + ".svc.cluster.local."), Type.A, DClass.IN));
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length, DNS));
        byte[] buffer = new byte[65535];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(answer);
        } catch (java.net.SocketTimeoutException e) {
            return -1;
        }
        Message response = new Message(Arrays.copyOf(buffer, answer.getLength()));
        return response.getHeader().getID() == query.getHeader().getID()
                ? response.getSection(Section.ANSWER).size() : -1;
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static int count(boolean[] values) {
        int count = 0;
        for (boolean value : values) {
            count += value ? 1 : 0;
        }
        return count;
    }

    private static boolean headless(int s) {
        return s % 2 == 1;
    }

    private static String name(int s) {
        return "svc-" + s;
    }

    /** The ClusterIPs 10.96.10.1 and up, 250 per /24, clear of the cluster DNS address. */
    private static String clusterIP(int s) {
        return "10.96." + (10 + s / 250) + "." + (s % 250 + 1);
    }

    private static Service service(int s) {
        return ServiceRecords.service(NAMESPACE, name(s), headless(s) ? "None" : clusterIP(s), 80, null);
    }

    private static EndpointSlice slice(int s, Options options, boolean[] ready) {
        List<String> addresses = new ArrayList<>();
        List<Boolean> readiness = new ArrayList<>();
        for (int e = 0; e < options.endpoints(); e++) {
            int index = s * options.endpoints() + e;
            addresses.add("10.244." + (1 + index / 250) + "." + (index % 250 + 1));
            readiness.add(ready[e]);
        }
        return ServiceRecords.slice(NAMESPACE, name(s), 8080, addresses, readiness);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(KorchPartitioner.use(props), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value)));
    }
}

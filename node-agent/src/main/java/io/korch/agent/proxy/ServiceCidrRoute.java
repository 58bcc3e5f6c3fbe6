package io.korch.agent.proxy;

import io.korch.agent.DaemonThreads;
import io.korch.model.Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Service network local on the machine: {@code ip route add local 10.96.0.0/16 dev lo} (Linux's
 * "AnyIP"), so that any address in it can be bound by the node proxy and DNS, a connection to an address nothing
 * listens on is refused at once, and no packet to a virtual IP takes the default route off the machine.
 *
 * <p>{@link #start} adds the route when it is missing and checks it again every {@link #CHECK_INTERVAL_SECONDS}
 * seconds, as another agent of the machine may have removed it at its stop. {@link #close} removes it, unless
 * another process still listens on an address of the network (another agent of the machine, whose sockets
 * keep the route in use): the last agent to stop removes it. Needs root; without, it logs why and the agent goes
 * on without virtual IPs.
 */
public final class ServiceCidrRoute implements AutoCloseable {

    static final long CHECK_INTERVAL_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCidrRoute.class);

    private final String cidr;
    private final Cidr network;
    private ScheduledExecutorService checker;
    private volatile boolean warned;

    public ServiceCidrRoute(String cidr) {
        this.cidr = cidr;
        this.network = Cidr.parse(cidr);
    }

    /** Ensures the route now and keeps ensuring it until {@link #close}. */
    public synchronized void start() {
        ensure();
        checker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("korch-service-route"));
        checker.scheduleWithFixedDelay(this::ensure, CHECK_INTERVAL_SECONDS, CHECK_INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the local route of the Service network is there. */
    public boolean present() {
        Result shown = run(List.of("ip", "-o", "route", "show", "table", "local", "exact", cidr));
        return shown.exitCode() == 0 && shown.output().startsWith("local " + cidr);
    }

    /** Adds the route when it is missing; idempotent. */
    public void ensure() {
        if (present()) {
            return;
        }
        Result added = run(List.of("ip", "route", "add", "local", cidr, "dev", "lo"));
        if (added.exitCode() == 0) {
            LOG.info("routed the Service network {} locally (ip route add local {} dev lo)", cidr, cidr);
            warned = false;
        } else if (!added.output().contains("File exists") && !warned) {
            warned = true;
            LOG.warn("cannot route the Service network {} locally, ClusterIPs will not work: {}", cidr,
                    added.output().strip());
        }
    }

    /** Stops ensuring the route and removes it when no other process listens on the Service network. */
    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
        if (listenedByOthers()) {
            LOG.info("leaving the local route of {}: another process of the machine still listens on it", cidr);
            return;
        }
        Result removed = run(List.of("ip", "route", "del", "local", cidr, "dev", "lo"));
        if (removed.exitCode() != 0 && present()) {
            LOG.warn("cannot remove the local route of {}: {}", cidr, removed.output().strip());
        }
    }

    /** Whether a TCP socket listens, or a UDP socket is bound, on an address of the network (this one's are closed). */
    boolean listenedByOthers() {
        return bound(Path.of("/proc/net/tcp"), "0A") || bound(Path.of("/proc/net/udp"), "07");
    }

    private boolean bound(Path table, String state) {
        try {
            for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals(state) && fields[1].length() == 13
                        && network.contains(procAddress(fields[1].substring(0, 8)))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", table, e.toString());
        }
        return false;
    }

    /** The dotted address of a {@code /proc/net} local address: hex of the address in host (little-endian) order. */
    static String procAddress(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not end");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}

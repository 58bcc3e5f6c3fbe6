package io.korch.agent.network;

import io.korch.agent.NodeRecords;
import io.korch.agent.network.HostPorts.HostPortMapping;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ImageNotPresentException;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Pod;
import io.korch.model.Cidr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod network of a node on Docker: one sandbox container per pod holds the pod's network namespace on
 * the machine's {@link DockerNetwork}, at an address from the node's share of the cluster CIDR; the pod's
 * containers join it, so they share its address and {@code localhost}.
 *
 * <p>Data flow: at {@link #start} the Docker network and the {@link HostFirewall} are set up (a clashing
 * network stops the agent from starting) and the node's share is followed ({@link PodCidrWatcher}). Each pass
 * tells {@link #observed} the node's sandboxes; their address labels rebuild the {@link PodAddresses} in use
 * (so a restarted agent gives no address twice), an address is released once its pod is neither assigned nor
 * has a sandbox left, and the {@code hostPort}s of pods with a running sandbox are opened on the
 * {@link HostPorts}, or closed when the pod goes. {@link #attach}, before each container is created, creates
 * and starts the pod's sandbox when it has no running one (the pod waits, {@code NetworkNotReady}, while the
 * node has no share), writes the pod's {@code /etc/resolv.conf} and {@code /etc/hosts} ({@link PodDns}) into
 * the pod's directory and has the container mount them read-only. A {@code hostNetwork} pod has no sandbox:
 * its containers run on the node's network with the node's address.
 *
 * <p>Sandboxes are removed by the reconcile loop (last, once the pod's containers are gone); {@link #close}
 * removes the Docker network and the firewall chain when no container of the machine is on the network any
 * more (Docker refuses to remove a network with containers attached).
 */
public final class SandboxNetwork implements PodNetwork {

    /** The pod's resolver configuration, in the pod's directory. */
    static final String RESOLV_CONF = "resolv.conf";
    /** The pod's hosts file, in the pod's directory, named as the kubelet names it. */
    static final String ETC_HOSTS = "etc-hosts";

    /** How often creating a sandbox first checks that the Docker network and the firewall chain are still there. */
    static final Duration SET_UP_CHECK = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SandboxNetwork.class);

    private final String nodeName;
    private final String bootstrapServers;
    private final ContainerRuntime runtime;
    private final DockerNetwork network;
    private final HostFirewall firewall;
    private final Path podsDir;
    private final PodNetworkOptions options;
    private volatile PodCidrWatcher cidrs;
    /** When a sandbox's creation last checked the network and the firewall ({@link System#nanoTime}). */
    private final AtomicLong setUpCheckedAt = new AtomicLong(System.nanoTime());
    /** Whether the network was found or created as it must be: only then may {@link #close} remove it. */
    private volatile boolean ensured;
    /** Addresses from the current share; null before the node has one. */
    private PodAddresses addresses;
    /** Pod uid → its running sandbox. */
    private Map<String, Sandbox> running = new HashMap<>();
    /** Pod key → the host ports opened for it. */
    private Map<String, List<HostPortMapping>> opened = new HashMap<>();

    /**
     * @param podsDir where the pods' directories are, as for {@code io.korch.agent.volume.PodVolumes}
     */
    public SandboxNetwork(String nodeName, String bootstrapServers, ContainerRuntime runtime, DockerNetwork network,
                          HostFirewall firewall, Path podsDir, PodNetworkOptions options) {
        this.nodeName = nodeName;
        this.bootstrapServers = bootstrapServers;
        this.runtime = runtime;
        this.network = network;
        this.firewall = firewall;
        this.podsDir = podsDir;
        this.options = options;
    }

    /**
     * Sets up the Docker network and the firewall and reads the node's share.
     *
     * @throws IllegalStateException when the network clashes with an existing one, or the share cannot be read
     */
    @Override
    public void start(Runnable onChange, Duration timeout) {
        network.ensure();
        ensured = true;
        firewall.install();
        PodCidrWatcher watcher = new PodCidrWatcher(bootstrapServers, nodeName, onChange);
        watcher.start(timeout);
        cidrs = watcher;
    }

    @Override
    public boolean sandboxed(Pod pod) {
        return !hostNetwork(pod);
    }

    @Override
    public void observed(List<Pod> desired, List<RuntimeContainer> sandboxes) {
        observed(desired, sandboxes, Set.of());
    }

    @Override
    public synchronized void observed(List<Pod> desired, List<RuntimeContainer> sandboxes, Set<String> busy) {
        Map<String, Sandbox> now = new HashMap<>();
        for (RuntimeContainer sandbox : sandboxes) {
            String ip = sandbox.labels().get(ContainerLabels.POD_IP);
            if (sandbox.state() == RuntimeContainer.State.RUNNING && ip != null) {
                now.merge(sandbox.podUid(), new Sandbox(sandbox.id(), ip, sandbox.createdAt()), Sandbox::newer);
            }
        }
        for (String uid : busy) {
            Sandbox made = running.get(uid);
            if (made != null) {
                now.putIfAbsent(uid, made);
            }
        }
        running = now;
        Optional<Cidr> share = share();
        if (share.isPresent()) {
            PodAddresses pool = addresses(share.get());
            Set<String> keep = new HashSet<>(busy);
            desired.forEach(pod -> keep.add(pod.getMetadata().getUid()));
            for (RuntimeContainer sandbox : sandboxes) {
                keep.add(sandbox.podUid());
                String ip = sandbox.labels().get(ContainerLabels.POD_IP);
                if (ip != null && !pool.hold(sandbox.podUid(), ip)) {
                    LOG.debug("node {}: sandbox {} holds {} outside the node's addresses", nodeName, sandbox.name(), ip);
                }
            }
            for (String uid : pool.holders()) {
                if (!keep.contains(uid)) {
                    pool.release(uid);
                }
            }
        }
        syncHostPorts(desired);
    }

    /**
     * Where a container of {@code pod} goes. Only the bookkeeping holds the lock: the sandboxes of several pods are
     * created and started at once.
     */
    @Override
    public Attachment attach(Pod pod, List<ContainerSpec.Mount> sandboxMounts) {
        String uid = pod.getMetadata().getUid();
        Path dir = podsDir.resolve(uid);
        if (hostNetwork(pod)) {
            Path resolv = write(dir, RESOLV_CONF, PodDns.resolvConf(pod));
            return new Attachment(ContainerSpec.Network.HOST, NodeRecords.NODE_IP,
                    List.of(ContainerSpec.Mount.bind(resolv.toString(), "/etc/resolv.conf", true)));
        }
        Sandbox sandbox;
        synchronized (this) {
            sandbox = running.get(uid);
        }
        if (sandbox == null) {
            sandbox = create(pod, sandboxMounts);
            synchronized (this) {
                running.put(uid, sandbox);
                openHostPorts(pod, sandbox.ip());
            }
        }
        Path resolv = write(dir, RESOLV_CONF, PodDns.resolvConf(pod));
        Path hosts = write(dir, ETC_HOSTS, PodDns.hosts(pod, sandbox.ip()));
        return new Attachment(ContainerSpec.Network.join(sandbox.id()), sandbox.ip(), List.of(
                ContainerSpec.Mount.bind(resolv.toString(), "/etc/resolv.conf", true),
                ContainerSpec.Mount.bind(hosts.toString(), "/etc/hosts", true)));
    }

    @Override
    public synchronized String podIP(Pod pod) {
        if (hostNetwork(pod)) {
            return NodeRecords.NODE_IP;
        }
        Sandbox sandbox = running.get(pod.getMetadata().getUid());
        return sandbox == null ? null : sandbox.ip();
    }

    /** Stops following the share; removes the network and the firewall chain when no container is attached. */
    @Override
    public void close() {
        PodCidrWatcher watcher = cidrs;
        if (watcher != null) {
            watcher.close();
        }
        if (ensured && network.removeIfUnused()) {
            firewall.remove();
        }
    }

    /** The spec of {@code pod}'s sandbox at {@code ip}: it sleeps, and holds the pod's memory volumes. */
    ContainerSpec sandboxSpec(Pod pod, String ip, List<ContainerSpec.Mount> mounts) {
        String namespace = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>(ContainerLabels.of(nodeName, namespace, name,
                pod.getMetadata().getUid(), ContainerLabels.SANDBOX));
        labels.put(ContainerLabels.POD_IP, ip);
        return new ContainerSpec(ContainerLabels.containerName(nodeName, namespace, name, ContainerLabels.SANDBOX),
                options.sandboxImage(), List.of("sleep"), List.of("infinity"), Map.of(), null, labels, List.of(), null,
                null, null, mounts, ContainerSpec.Security.NONE,
                ContainerSpec.Network.attach(DockerNetwork.NAME, ip, PodDns.hostname(pod)));
    }

    private Sandbox create(Pod pod, List<ContainerSpec.Mount> mounts) {
        String uid = pod.getMetadata().getUid();
        String ip = allocate(uid);
        long now = System.nanoTime();
        long checked = setUpCheckedAt.get();
        if (now - checked > SET_UP_CHECK.toNanos() && setUpCheckedAt.compareAndSet(checked, now)) {
            ensureSetUp();
        }
        String id;
        try {
            id = startSandbox(pod, ip, mounts);
        } catch (PodNetworkGone e) {
            ensureSetUp();
            id = startSandbox(pod, ip, mounts);
        }
        LOG.info("node {}: pod {}/{} has sandbox {} at {}", nodeName, pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), id, ip);
        return new Sandbox(id, ip, Instant.now());
    }

    /** Makes the Docker network and the firewall chain again if they went (another agent removed them at its stop). */
    private void ensureSetUp() {
        try {
            network.ensure();
        } catch (IllegalStateException clash) {
            throw ContainerConfigException.sandboxFailed(clash.getMessage());
        }
        firewall.install();
    }

    /**
     * Creates and starts {@code pod}'s sandbox at {@code ip}.
     *
     * @throws PodNetworkGone when the pod network is gone (the last agent of the machine that used it removed it
     *                        at its stop): the caller makes it and the firewall again and tries once more. They are
     *                        checked before a sandbox only every {@link #SET_UP_CHECK}: each check costs a Docker call
     *                        and two iptables processes.
     */
    private String startSandbox(Pod pod, String ip, List<ContainerSpec.Mount> mounts) {
        String uid = pod.getMetadata().getUid();
        String id;
        try {
            id = runtime.create(sandboxSpec(pod, ip, mounts));
        } catch (ImageNotPresentException e) {
            throw ContainerConfigException.sandboxFailed(e.getMessage());
        } catch (RuntimeException e) {
            throw networkGone(e) ? new PodNetworkGone() : failed(uid, e);
        }
        try {
            runtime.start(id);
            return id;
        } catch (RuntimeException e) {
            removeQuietly(id);
            throw networkGone(e) ? new PodNetworkGone() : failed(uid, e);
        }
    }

    private static boolean networkGone(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains("network " + DockerNetwork.NAME + " not found");
    }

    /** The pod network was not there when a sandbox needed it. */
    private static final class PodNetworkGone extends RuntimeException {
        PodNetworkGone() {
            super(DockerNetwork.NAME + " not found", null, false, false);
        }
    }

    /** An address of the node's share for pod {@code uid}: the one it holds, else a free one. */
    private synchronized String allocate(String uid) {
        Cidr share = share().orElseThrow(() -> ContainerConfigException.networkNotReady(noShare()));
        PodAddresses pool = addresses(share);
        return pool.allocate(uid).orElseThrow(() -> ContainerConfigException.sandboxFailed(
                "no free address in the podCIDR " + share + " of node \"" + nodeName + "\" (" + pool.inUse()
                        + " pods hold one)"));
    }

    /** The failure of a sandbox's create or start; an address someone else holds is never tried again. */
    private ContainerConfigException failed(String uid, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
        if (message.contains("Address already in use")) {
            synchronized (this) {
                addresses.refuse(uid);
            }
        }
        return ContainerConfigException.sandboxFailed(message);
    }

    private void removeQuietly(String id) {
        try {
            runtime.remove(id, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("node {}: cannot remove the sandbox {} that did not start: {}", nodeName, id, e.getMessage());
        }
    }

    private PodAddresses addresses(Cidr share) {
        if (addresses == null || !addresses.share().equals(share)) {
            addresses = new PodAddresses(share);
        }
        return addresses;
    }

    private Optional<Cidr> share() {
        PodCidrWatcher watcher = cidrs;
        return watcher == null ? Optional.empty() : watcher.share();
    }

    private String noShare() {
        PodCidrWatcher watcher = cidrs;
        String why = watcher == null ? null : watcher.message();
        return "node \"" + nodeName + "\" has no podCIDR" + (why == null ? "" : ": " + why);
    }

    private void syncHostPorts(List<Pod> desired) {
        Map<String, List<HostPortMapping>> wanted = new HashMap<>();
        for (Pod pod : desired) {
            Sandbox sandbox = sandboxed(pod) ? running.get(pod.getMetadata().getUid()) : null;
            if (sandbox != null) {
                List<HostPortMapping> mappings = hostPorts(pod, sandbox.ip());
                if (!mappings.isEmpty()) {
                    wanted.put(podKey(pod), mappings);
                }
            }
        }
        for (String key : opened.keySet()) {
            if (!wanted.containsKey(key)) {
                try {
                    options.hostPorts().close(key);
                } catch (RuntimeException e) {
                    LOG.warn("node {}: cannot close the host ports of {}: {}", nodeName, key, e.getMessage());
                }
            }
        }
        Map<String, List<HostPortMapping>> before = opened;
        opened = new HashMap<>();
        wanted.forEach((key, mappings) -> {
            if (mappings.equals(before.get(key))) {
                opened.put(key, mappings);
            } else {
                open(key, mappings);
            }
        });
    }

    private void openHostPorts(Pod pod, String ip) {
        List<HostPortMapping> mappings = hostPorts(pod, ip);
        if (!mappings.isEmpty()) {
            open(podKey(pod), mappings);
        }
    }

    private void open(String key, List<HostPortMapping> mappings) {
        try {
            options.hostPorts().open(key, mappings);
            opened.put(key, mappings);
        } catch (RuntimeException e) {
            LOG.warn("node {}: cannot open the host ports of {}, will retry: {}", nodeName, key, e.getMessage());
        }
    }

    /** The {@code hostPort}s of {@code pod}'s containers, forwarded to {@code ip}. */
    static List<HostPortMapping> hostPorts(Pod pod, String ip) {
        List<HostPortMapping> mappings = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    mappings.add(new HostPortMapping(port.getHostPort(),
                            port.getProtocol() == null ? "TCP" : port.getProtocol(), ip, port.getContainerPort()));
                }
            }
        }
        return mappings;
    }

    private static String podKey(Pod pod) {
        return (pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace()) + "/"
                + pod.getMetadata().getName();
    }

    private static boolean hostNetwork(Pod pod) {
        return Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    }

    /**
     * Writes {@code content} to {@code name} in {@code dir} unless it holds it already: a file bound into a
     * running container must keep its inode, so it is replaced only when it changes.
     */
    private static Path write(Path dir, String name, String content) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return file;
            }
            Path temporary = dir.resolve("." + name + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw ContainerConfigException.sandboxFailed("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** A running sandbox: its container id and the pod's address. */
    private record Sandbox(String id, String ip, Instant createdAt) {

        Sandbox newer(Sandbox other) {
            if (createdAt == null) {
                return other;
            }
            return other.createdAt != null && other.createdAt.isAfter(createdAt) ? other : this;
        }
    }
}

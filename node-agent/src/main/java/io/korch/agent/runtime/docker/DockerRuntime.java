package io.korch.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.ListVolumesResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.korch.agent.runtime.ContainerConfigException;
import io.korch.agent.runtime.ContainerLabels;
import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ExecResult;
import io.korch.agent.runtime.ExecListener;
import io.korch.agent.runtime.ExecRequest;
import io.korch.agent.runtime.ExecSession;
import io.korch.agent.runtime.ImageNotPresentException;
import io.korch.agent.runtime.LogRequest;
import io.korch.agent.runtime.LogSink;
import io.korch.agent.runtime.RuntimeContainer;
import io.korch.agent.runtime.RuntimeContainer.State;
import java.io.ByteArrayOutputStream;
import io.korch.agent.runtime.StreamHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker container runtime, through docker-java and its Apache httpclient5 transport. The daemon
 * address comes from {@code DOCKER_HOST} (default {@code unix:///var/run/docker.sock}), as for the
 * docker CLI.
 *
 * <p>Containers run with Docker's init process as PID 1, so a stop signal reaches the container's
 * command even when it installs no handler. No port is published: a spec's network says whether the container
 * is on Docker's default network, the node's, a pod network at an address of its own (a pod sandbox), or in
 * the network namespace of its pod's sandbox, and the node proxy forwards host ports.
 * Images are never pulled: a missing image is an {@link ImageNotPresentException}.
 *
 * <p>A spec's mounts become Docker mounts (bind mounts of the node's pod volume directories, named Docker volumes
 * on a tmpfs for the memory volumes a pod's containers share), its security settings the container's user, group list, capabilities, privileges and
 * {@code no-new-privileges}. A container that must not run as root but whose user would be root (or a name
 * whose uid cannot be known) is refused with a {@link ContainerConfigException}, checked against the image's
 * configured user when the pod sets none.
 *
 * <p>{@link #list} inspects each container for its exit code and times, but only when its state changed
 * since the last listing; results are cached per container id.
 */
public final class DockerRuntime implements ContainerRuntime {

    /**
     * The longest grace period {@link #remove} waits for; longer ones are cut to this. (The agent waits out
     * grace periods itself and calls {@code remove} with none.)
     */
    public static final Duration MAX_GRACE_PERIOD = Duration.ofMinutes(2);
    /** The stop signal of a container whose image names none, as for {@code docker stop}. */
    static final String DEFAULT_STOP_SIGNAL = "SIGTERM";
    /** The address of a container on the node's network: the node's loopback. */
    static final String HOST_ADDRESS = "127.0.0.1";
    /** Docker's rendering of an unset time. */
    private static final String ZERO_TIME_PREFIX = "0001-01-01";

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);

    private final DockerClient docker;
    private final URI dockerHost;
    private final Map<String, Cached> inspected = new ConcurrentHashMap<>();

    private DockerRuntime(DockerClient docker, URI dockerHost) {
        this.docker = docker;
        this.dockerHost = dockerHost;
    }

    /** Connects to the daemon named by {@code DOCKER_HOST} (or the default socket); does not contact it yet. */
    public static DockerRuntime connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                // must outlast a stop that waits out the longest grace period
                .responseTimeout(MAX_GRACE_PERIOD.plusSeconds(30))
                .build();
        return new DockerRuntime(DockerClientImpl.getInstance(config, http), config.getDockerHost());
    }

    /** The daemon address, such as {@code unix:///var/run/docker.sock}. */
    public URI dockerHost() {
        return dockerHost;
    }

    /** Checks that the daemon answers; throws with the transport's reason when it does not. */
    public void ping() {
        docker.pingCmd().exec();
    }

    /** The docker-java client, for callers that need more than this interface offers. */
    public DockerClient client() {
        return docker;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String version() {
        return "docker://" + docker.versionCmd().exec().getVersion();
    }

    @Override
    public List<RuntimeContainer> list(String nodeName) {
        List<Container> listed = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.NODE, nodeName))
                .exec();
        List<RuntimeContainer> result = new ArrayList<>(listed.size());
        Set<String> seen = new HashSet<>();
        for (Container container : listed) {
            seen.add(container.getId());
            Cached cached = inspected.get(container.getId());
            if (cached != null && Objects.equals(cached.listedState(), container.getState())) {
                result.add(cached.container());
            } else {
                inspect(container.getId()).ifPresent(c -> {
                    inspected.put(c.id(), new Cached(container.getState(), c));
                    result.add(c);
                });
            }
        }
        inspected.keySet().retainAll(seen);
        return result;
    }

    @Override
    public Optional<RuntimeContainer> inspect(String id) {
        try {
            return Optional.of(toRuntimeContainer(docker.inspectContainerCmd(id).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String create(ContainerSpec spec) {
        ContainerSpec.Security security = spec.security();
        // the image is inspected only when its user matters; else creating the container finds it missing
        String imageUser = security.needsImageUser() ? requireImage(spec.image()) : "";
        String violation = security.nonRootViolation(imageUser);
        if (violation != null) {
            throw ContainerConfigException.configError(violation + " (pod: \"" + podOf(spec) + "\", container: "
                    + spec.labels().get(ContainerLabels.CONTAINER) + ")");
        }
        HostConfig host = HostConfig.newHostConfig().withInit(true);
        if (spec.memoryBytes() != null) {
            // no swap beyond the limit, as the kubelet sets it
            host.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        if (spec.nanoCpus() != null) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        if (spec.cpuShares() != null) {
            host.withCpuShares(spec.cpuShares().intValue());
        }
        if (!spec.mounts().isEmpty()) {
            host.withMounts(spec.mounts().stream().map(m -> mount(m, spec.labels())).toList());
        }
        secure(host, security);
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withHostConfig(host);
        network(cmd, host, spec);
        String user = security.user(imageUser);
        if (user != null) {
            cmd.withUser(user);
        }
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.cmd().isEmpty()) {
            cmd.withCmd(spec.cmd());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        try {
            return cmd.exec().getId();
        } catch (NotFoundException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such image")) {
                throw notPresent(spec.image());
            }
            throw e;
        }
    }

    /** Groups, privileges and capabilities, as the kubelet asks a runtime for them. */
    private static void secure(HostConfig host, ContainerSpec.Security security) {
        if (!security.supplementalGroups().isEmpty()) {
            host.withGroupAdd(security.supplementalGroups().stream().map(String::valueOf).toList());
        }
        if (security.readOnlyRootFilesystem()) {
            host.withReadonlyRootfs(true);
        }
        if (security.privileged()) {
            host.withPrivileged(true);
        }
        if (security.noNewPrivileges()) {
            host.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (!security.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(security.capAdd()));
        }
        if (!security.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(security.capDrop()));
        }
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> {
            String bare = name.startsWith("CAP_") ? name.substring(4) : name;
            try {
                return Capability.valueOf(bare);
            } catch (IllegalArgumentException e) {
                throw ContainerConfigException.configError("unknown capability \"" + name + "\"");
            }
        }).toArray(Capability[]::new);
    }

    /**
     * Puts the container on its network: a sandbox on the pod network at its address and with its pod's host
     * name, a pod container into its sandbox's network namespace, a {@code hostNetwork} container into the
     * node's. Only a container on Docker's default network exposes its ports (Docker refuses them in a namespace
     * it joins); no port is ever published.
     */
    private static void network(CreateContainerCmd cmd, HostConfig host, ContainerSpec spec) {
        ContainerSpec.Network network = spec.network();
        switch (network.kind()) {
            case HOST -> host.withNetworkMode("host");
            case JOIN -> host.withNetworkMode("container:" + network.target());
            case ATTACH -> {
                host.withNetworkMode(network.target());
                cmd.withIpv4Address(network.ip());
                if (network.hostname() != null) {
                    cmd.withHostName(network.hostname());
                }
            }
            case DEFAULT -> cmd.withExposedPorts(spec.ports().stream()
                    .map(port -> new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol())))
                    .toList());
        }
    }

    private static Mount mount(ContainerSpec.Mount mount, Map<String, String> labels) {
        if (mount.kind() == ContainerSpec.Mount.Kind.POD_MEMORY) {
            return podMemory(mount, labels.get(ContainerLabels.NODE));
        }
        return new Mount().withType(MountType.BIND).withSource(mount.source()).withTarget(mount.target())
                .withReadOnly(mount.readOnly());
    }

    /**
     * A named volume of Docker's local driver backed by a tmpfs (of the mount's size), which Docker creates with
     * the first container that mounts it, labelled with its node and pod so {@link #removePodVolumesExcept} finds it.
     */
    private static Mount podMemory(ContainerSpec.Mount mount, String node) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", "tmpfs");
        options.put("device", "tmpfs");
        if (mount.sizeBytes() != null) {
            options.put("o", "size=" + mount.sizeBytes());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ContainerLabels.POD_UID, mount.podUid());
        if (node != null) {
            labels.put(ContainerLabels.NODE, node);
        }
        return new Mount().withType(MountType.VOLUME).withSource(mount.source()).withTarget(mount.target())
                .withVolumeOptions(new VolumeOptions().withLabels(labels)
                        .withDriverConfig(new Driver().withName("local").withOptions(options)));
    }

    /** Removes the memory volumes labelled with the node and a pod not among {@code podUids}; one in use is left. */
    @Override
    public void removePodVolumesExcept(String nodeName, Set<String> podUids) {
        ListVolumesResponse volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(ContainerLabels.NODE + "=" + nodeName, ContainerLabels.POD_UID))
                .exec();
        if (volumes.getVolumes() == null) {
            return;
        }
        for (InspectVolumeResponse volume : volumes.getVolumes()) {
            String podUid = volume.getLabels() == null ? null : volume.getLabels().get(ContainerLabels.POD_UID);
            if (podUid == null || podUids.contains(podUid)) {
                continue;
            }
            try {
                docker.removeVolumeCmd(volume.getName()).exec();
                LOG.info("node {}: removed memory volume {} of pod {}", nodeName, volume.getName(), podUid);
            } catch (NotFoundException e) {
                LOG.debug("volume {} removed meanwhile", volume.getName());
            } catch (ConflictException e) {
                LOG.warn("memory volume {} of pod {} is still in use, left: {}", volume.getName(), podUid,
                        e.getMessage());
            }
        }
    }

    /** The pod of a container as Kubernetes names it in messages: {@code name_namespace(uid)}. */
    private static String podOf(ContainerSpec spec) {
        return spec.labels().get(ContainerLabels.POD_NAME) + "_" + spec.labels().get(ContainerLabels.POD_NAMESPACE)
                + "(" + spec.labels().get(ContainerLabels.POD_UID) + ")";
    }

    @Override
    public void start(String id) {
        inspected.remove(id);
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            LOG.debug("container {} already running", id);
        }
    }

    /** Sends the container's configured stop signal, as {@code docker stop} would first, and returns. */
    @Override
    public void sendStopSignal(String id) {
        try {
            InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
            if (!Boolean.TRUE.equals(inspect.getState().getRunning())) {
                return;
            }
            docker.killContainerCmd(id).withSignal(stopSignal(inspect)).exec();
        } catch (NotFoundException e) {
            LOG.debug("container {} is gone, nothing to stop", id);
        } catch (ConflictException e) {
            LOG.debug("container {} is not running, nothing to stop: {}", id, e.getMessage());
        }
    }

    @Override
    public void kill(String id) {
        inspected.remove(id);
        try {
            docker.killContainerCmd(id).exec();
        } catch (NotFoundException e) {
            LOG.debug("container {} is gone, nothing to kill", id);
        } catch (ConflictException e) {
            LOG.debug("container {} is not running, nothing to kill: {}", id, e.getMessage());
        }
    }

    @Override
    public void remove(String id, Duration gracePeriod) {
        inspected.remove(id);
        long seconds = Math.min(gracePeriod.toSeconds(), MAX_GRACE_PERIOD.toSeconds());
        if (seconds > 0) {
            try {
                docker.stopContainerCmd(id).withTimeout((int) seconds).exec();
            } catch (NotModifiedException e) {
                LOG.debug("container {} already stopped", id);
            } catch (NotFoundException e) {
                return;
            }
        }
        // a forced removal kills a container still running, as a stop with no grace period would
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            LOG.debug("container {} removed meanwhile", id);
        }
        inspected.remove(id);
    }

    /** Runs the command with {@code docker exec}, attached to its stdout and stderr. */
    @Override
    public ExecResult execCapture(String id, List<String> command, Duration timeout) {
        ExecCreateCmdResponse exec = docker.execCreateCmd(id)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (output) {
                    output.writeBytes(frame.getPayload());
                }
            }
        };
        boolean ended;
        try (ResultCallback.Adapter<Frame> running = docker.execStartCmd(exec.getId()).exec(callback)) {
            ended = running.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        } catch (IOException e) {
            ended = true; // closing the finished stream failed; the result stands
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        if (!ended) {
            return new ExecResult(-1, text, true);
        }
        Long exitCode = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        return new ExecResult(exitCode == null ? -1 : exitCode.intValue(), text, false);
    }

    /**
     * The container's IP address on its first network, as {@code docker inspect} shows it; for a container in
     * another's network namespace that one's address (a pod container's is its sandbox's); for one on the node's
     * network, the node's loopback address.
     */
    @Override
    public Optional<String> address(String id) {
        InspectContainerResponse inspect;
        try {
            inspect = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        String mode = inspect.getHostConfig() == null ? null : inspect.getHostConfig().getNetworkMode();
        if (mode != null && mode.startsWith("container:")) {
            String joined = mode.substring("container:".length());
            return joined.equals(id) ? Optional.empty() : address(joined);
        }
        if ("host".equals(mode)) {
            return Optional.of(HOST_ADDRESS);
        }
        if (inspect.getNetworkSettings() == null) {
            return Optional.empty();
        }
        String address = inspect.getNetworkSettings().getIpAddress();
        if (address != null && !address.isEmpty()) {
            return Optional.of(address);
        }
        Map<String, ContainerNetwork> networks = inspect.getNetworkSettings().getNetworks();
        if (networks == null) {
            return Optional.empty();
        }
        return networks.values().stream()
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isEmpty())
                .sorted()
                .findFirst();
    }

    /** Docker's log of the container, which holds every run (see {@link io.korch.agent.runtime.LogWindow}). */
    @Override
    public StreamHandle logs(String id, LogRequest request, LogSink sink) {
        return DockerLogs.stream(docker, id, request, sink);
    }

    @Override
    public ExecSession exec(String id, ExecRequest request, ExecListener listener) {
        return DockerExec.start(docker, dockerHost, id, request, listener);
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the Docker client: " + e.getMessage(), e);
        }
    }

    /** The image's configured user, empty when it names none; throws when the image is not on the node. */
    private String requireImage(String image) {
        try {
            InspectImageResponse inspect = docker.inspectImageCmd(image).exec();
            String user = inspect.getConfig() == null ? null : inspect.getConfig().getUser();
            return user == null ? "" : user;
        } catch (NotFoundException e) {
            throw notPresent(image);
        }
    }

    private static ImageNotPresentException notPresent(String image) {
        return new ImageNotPresentException(image, "Container image \"" + image
                + "\" is not present on this node and korch never pulls images: build or load it here"
                + " (docker build / docker load)");
    }

    /** The signal {@code docker stop} would send: the image's STOPSIGNAL, else SIGTERM. */
    private static String stopSignal(InspectContainerResponse inspect) {
        // docker-java's ContainerConfig has no field for it; the raw values of the whole answer still hold it
        Object config = inspect.getRawValues().get("Config");
        Object configured = config instanceof Map<?, ?> fields ? fields.get("StopSignal") : null;
        return configured instanceof String signal && !signal.isBlank() ? signal : DEFAULT_STOP_SIGNAL;
    }

    private static RuntimeContainer toRuntimeContainer(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        String name = inspect.getName() == null ? null : inspect.getName().replaceFirst("^/", "");
        Map<String, String> labels = inspect.getConfig() == null ? Map.of() : inspect.getConfig().getLabels();
        String image = inspect.getConfig() == null ? null : inspect.getConfig().getImage();
        Long exitCode = state.getExitCodeLong();
        Instant finishedAt = time(state.getFinishedAt());
        return new RuntimeContainer(
                inspect.getId(),
                name,
                image,
                labels,
                state(state.getStatus()),
                finishedAt == null || exitCode == null ? null : exitCode.intValue(),
                time(inspect.getCreated()),
                time(state.getStartedAt()),
                finishedAt,
                Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError() == null || state.getError().isEmpty() ? null : state.getError());
    }

    private static State state(String status) {
        if (status == null) {
            return State.EXITED;
        }
        return switch (status) {
            case "created" -> State.CREATED;
            case "running", "paused", "restarting" -> State.RUNNING;
            case "removing" -> State.REMOVING;
            default -> State.EXITED; // exited, dead
        };
    }

    private static Instant time(String value) {
        if (value == null || value.isEmpty() || value.startsWith(ZERO_TIME_PREFIX)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Docker returned an unreadable time: " + value, e);
        }
    }

    /** An inspected container and the list state it was inspected in. */
    private record Cached(String listedState, RuntimeContainer container) {
    }
}

package io.korch.testkit;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.EnvVar;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.PodStatus;
import io.korch.api.ResourceRequirements;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds pods for tests: {@code Pods.pod("web").cpu("250m").label("app", "web").build()}.
 *
 * <p>A pod is in {@code default}, with uid {@code <name>-uid}, and runs one container {@code main}
 * of {@value #IMAGE} sleeping for an hour unless told otherwise. Container settings (image,
 * command, requests, limits, ports…) apply to the last container: the first one is made with those
 * defaults when a setting or {@link #build()} needs it, {@link #container} adds one of its own, and
 * {@link #sidecar} adds one beside the first.
 */
public final class Pods {

    /** The image of every container not given another. */
    public static final String IMAGE = "korch/busybox:latest";

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Container.Builder> containers = new ArrayList<>();
    private String namespace = "default";
    private String uid;
    private Instant created;
    private String ownerUid;
    private String nodeName;
    private Instant deletionTimestamp;
    private String restartPolicy;
    private Long gracePeriodSeconds;
    private List<Container> replacedContainers;
    private PodStatus status;

    private Pods(String name) {
        this.name = name;
        this.uid = name + "-uid";
    }

    /** Where an agent reports on {@code pod}: {@code namespace/name/uid} ({@link Keys#podStatus}). */
    public static String statusKey(Pod pod) {
        String namespace = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        return Keys.podStatus(Keys.of(namespace, pod.getMetadata().getName()), pod.getMetadata().getUid());
    }

    public static Pods pod(String name) {
        return new Pods(name);
    }

    public Pods namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public Pods uid(String uid) {
        this.uid = uid;
        return this;
    }

    public Pods label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** Its {@code metadata.creationTimestamp}; none by default. */
    public Pods created(Instant created) {
        this.created = created;
        return this;
    }

    /** A controller owner reference to the ReplicaSet {@code rs-<ownerUid>} with this uid. */
    public Pods owner(String ownerUid) {
        this.ownerUid = ownerUid;
        return this;
    }

    public Pods nodeSelector(String key, String value) {
        nodeSelector.put(key, value);
        return this;
    }

    /** Bound to {@code nodeName} ({@code spec.nodeName}). */
    public Pods nodeName(String nodeName) {
        this.nodeName = nodeName;
        return this;
    }

    /** Being deleted since 2024-01-01 ({@code metadata.deletionTimestamp}). */
    public Pods deleting() {
        this.deletionTimestamp = Instant.parse("2024-01-01T00:00:00Z");
        return this;
    }

    public Pods restartPolicy(String restartPolicy) {
        this.restartPolicy = restartPolicy;
        return this;
    }

    public Pods gracePeriodSeconds(long seconds) {
        this.gracePeriodSeconds = seconds;
        return this;
    }

    /** Its status, as the controllers publish it; none by default. */
    public Pods status(PodStatus status) {
        this.status = status;
        return this;
    }

    /** Adds a container of {@value #IMAGE} running {@code command} (none: the image's own); it may be the first. */
    public Pods container(String containerName, String... command) {
        Container.Builder container = Container.newBuilder().setName(containerName).setImage(IMAGE);
        if (command.length > 0) {
            container.setCommand(new ArrayList<>(List.of(command)));
        }
        containers.add(container);
        return this;
    }

    /** Adds a container of {@value #IMAGE} beside the first, which is made with the defaults if there is none yet. */
    public Pods sidecar(String containerName) {
        last();
        return container(containerName);
    }

    /** Replaces every container, e.g. with none. */
    public Pods containers(List<Container> replacement) {
        this.replacedContainers = replacement;
        return this;
    }

    /** The image of the last container. */
    public Pods image(String image) {
        last().setImage(image);
        return this;
    }

    /** The command of the last container. */
    public Pods command(String... command) {
        last().setCommand(new ArrayList<>(List.of(command)));
        return this;
    }

    /** The args of the last container. */
    public Pods args(String... args) {
        last().setArgs(new ArrayList<>(List.of(args)));
        return this;
    }

    /** Adds an environment variable to the last container. */
    public Pods env(String key, String value) {
        List<EnvVar> env = new ArrayList<>(last().getEnv() == null ? List.of() : last().getEnv());
        env.add(EnvVar.newBuilder().setName(key).setValue(value).build());
        last().setEnv(env);
        return this;
    }

    /** Adds a port to the last container. */
    public Pods port(int containerPort, Integer hostPort) {
        List<ContainerPort> ports = new ArrayList<>(last().getPorts() == null ? List.of() : last().getPorts());
        ports.add(ContainerPort.newBuilder().setContainerPort(containerPort).setHostPort(hostPort).build());
        last().setPorts(ports);
        return this;
    }

    /** The working directory of the last container. */
    public Pods workingDir(String dir) {
        last().setWorkingDir(dir);
        return this;
    }

    /** CPU request of the last container. */
    public Pods cpu(String quantity) {
        return request("cpu", quantity);
    }

    /** Memory request of the last container. */
    public Pods memory(String quantity) {
        return request("memory", quantity);
    }

    /** A request of the last container. */
    public Pods request(String resource, String quantity) {
        resources().getRequests().put(resource, quantity);
        return this;
    }

    /** CPU limit of the last container. */
    public Pods cpuLimit(String quantity) {
        return limit("cpu", quantity);
    }

    /** A limit of the last container. */
    public Pods limit(String resource, String quantity) {
        resources().getLimits().put(resource, quantity);
        return this;
    }

    /** CPU and memory limits of the last container. */
    public Pods limits(String cpu, String memory) {
        return limit("cpu", cpu).limit("memory", memory);
    }

    /** Its record key, {@code <namespace>/<name>}. */
    public String key() {
        return Keys.of(namespace, name);
    }

    public Pod build() {
        List<OwnerReference> owners = new ArrayList<>();
        if (ownerUid != null) {
            owners.add(OwnerReference.newBuilder()
                    .setApiVersion("apps/v1").setKind("ReplicaSet").setName("rs-" + ownerUid).setUid(ownerUid)
                    .setController(true).build());
        }
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace(namespace)
                        .setUid(uid)
                        .setLabels(new LinkedHashMap<>(labels))
                        .setCreationTimestamp(created)
                        .setOwnerReferences(owners)
                        .setDeletionTimestamp(deletionTimestamp)
                        .build())
                .setSpec(spec())
                .setStatus(status)
                .build();
    }

    /** The pod spec alone, as a workload's template carries it. */
    public PodSpec spec() {
        List<Container> built = new ArrayList<>();
        if (replacedContainers != null) {
            built.addAll(replacedContainers);
        } else {
            last();
            containers.forEach(container -> built.add(container.build()));
        }
        return PodSpec.newBuilder()
                .setContainers(built)
                .setNodeSelector(new LinkedHashMap<>(nodeSelector))
                .setNodeName(nodeName)
                .setRestartPolicy(restartPolicy)
                .setTerminationGracePeriodSeconds(gracePeriodSeconds)
                .build();
    }

    private ResourceRequirements resources() {
        Container.Builder container = last();
        if (container.getResources() == null) {
            container.setResources(ResourceRequirements.newBuilder()
                    .setRequests(new LinkedHashMap<>()).setLimits(new LinkedHashMap<>()).build());
        }
        return container.getResources();
    }

    /** The last container, the default {@code main} made first if there is none. */
    private Container.Builder last() {
        if (containers.isEmpty()) {
            container("main", "sleep", "3600");
        }
        return containers.get(containers.size() - 1);
    }
}

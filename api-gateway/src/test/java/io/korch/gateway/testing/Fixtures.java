package io.korch.gateway.testing;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStrategy;
import io.korch.api.LabelSelector;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeSpec;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;
import io.korch.api.ResourceRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Test fixtures, valid unless told otherwise:
 * {@code Fixtures.pod("web").label("app", "web").cpu("250m").build()},
 * {@code Fixtures.deployment("web").replicas(3).build()}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static PodFixture pod(String name) {
        return new PodFixture(name);
    }

    public static WorkloadFixture<Deployment> deployment(String name) {
        return new WorkloadFixture<>(name, WorkloadFixture::buildDeployment);
    }

    public static WorkloadFixture<ReplicaSet> replicaSet(String name) {
        return new WorkloadFixture<>(name, WorkloadFixture::buildReplicaSet);
    }

    /** A node as a user declares it ({@code node("n1").label("disk", "ssd").build()}) or, with {@code heartbeat}, as its agent registers it. */
    public static NodeFixture node(String name) {
        return new NodeFixture(name);
    }

    public static Namespace namespace(String name) {
        return Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).build()).build();
    }

    /** The pod spec shared by pods and templates: containers, restart policy, resources, ports. */
    public abstract static class SpecFixture<F extends SpecFixture<F>> {
        final String name;
        String namespace = "default";
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<Container> containers = new ArrayList<>();
        final Map<String, String> requests = new LinkedHashMap<>();
        final Map<String, String> limits = new LinkedHashMap<>();
        final List<ContainerPort> ports = new ArrayList<>();
        String image = "nginx:1.27";
        String restartPolicy;

        SpecFixture(String name) {
            this.name = name;
        }

        @SuppressWarnings("unchecked")
        F self() {
            return (F) this;
        }

        public F namespace(String namespace) {
            this.namespace = namespace;
            return self();
        }

        public F label(String key, String value) {
            labels.put(key, value);
            return self();
        }

        public F image(String image) {
            this.image = image;
            return self();
        }

        /** Adds a second (or further) container. */
        public F container(String containerName, String containerImage) {
            containers.add(Container.newBuilder().setName(containerName).setImage(containerImage).build());
            return self();
        }

        public F cpu(String request) {
            requests.put("cpu", request);
            return self();
        }

        public F cpuLimit(String limit) {
            limits.put("cpu", limit);
            return self();
        }

        public F memory(String request) {
            requests.put("memory", request);
            return self();
        }

        public F port(int containerPort, Integer hostPort) {
            ports.add(ContainerPort.newBuilder().setContainerPort(containerPort).setHostPort(hostPort).build());
            return self();
        }

        public F restartPolicy(String policy) {
            this.restartPolicy = policy;
            return self();
        }

        ObjectMeta meta(Map<String, String> objectLabels) {
            return ObjectMeta.newBuilder().setName(name).setNamespace(namespace)
                    .setLabels(new LinkedHashMap<>(objectLabels)).build();
        }

        PodSpec spec() {
            List<Container> all = new ArrayList<>();
            all.add(Container.newBuilder()
                    .setName("main")
                    .setImage(image)
                    .setPorts(new ArrayList<>(ports))
                    .setResources(requests.isEmpty() && limits.isEmpty() ? null : ResourceRequirements.newBuilder()
                            .setRequests(new LinkedHashMap<>(requests)).setLimits(new LinkedHashMap<>(limits)).build())
                    .build());
            all.addAll(containers);
            return PodSpec.newBuilder().setContainers(all).setRestartPolicy(restartPolicy).build();
        }
    }

    /** A bare pod. */
    public static final class PodFixture extends SpecFixture<PodFixture> {
        private List<Container> only;

        PodFixture(String name) {
            super(name);
        }

        /** Replaces every container, e.g. with none. */
        public PodFixture containers(List<Container> replacement) {
            this.only = replacement;
            return this;
        }

        public Pod build() {
            PodSpec spec = spec();
            if (only != null) {
                spec.setContainers(new ArrayList<>(only));
            }
            return Pod.newBuilder().setMetadata(meta(labels)).setSpec(spec).build();
        }
    }

    /** A Deployment or ReplicaSet ({@code T}) selecting {@code app=<name>} with a matching template. */
    public static final class WorkloadFixture<T> extends SpecFixture<WorkloadFixture<T>> {
        private final Function<WorkloadFixture<T>, T> builder;
        private Integer replicas = 2;
        private final Map<String, String> selector = new LinkedHashMap<>();
        private final Map<String, String> templateLabels = new LinkedHashMap<>();
        private String strategy;

        WorkloadFixture(String name, Function<WorkloadFixture<T>, T> builder) {
            super(name);
            this.builder = builder;
            selector.put("app", name);
            templateLabels.put("app", name);
        }

        public WorkloadFixture<T> replicas(Integer replicas) {
            this.replicas = replicas;
            return this;
        }

        public WorkloadFixture<T> selector(Map<String, String> matchLabels) {
            selector.clear();
            selector.putAll(matchLabels);
            return this;
        }

        public WorkloadFixture<T> templateLabels(Map<String, String> labels) {
            templateLabels.clear();
            templateLabels.putAll(labels);
            return this;
        }

        public WorkloadFixture<T> strategy(String type) {
            this.strategy = type;
            return this;
        }

        private PodTemplateSpec template() {
            return PodTemplateSpec.newBuilder()
                    .setMetadata(ObjectMeta.newBuilder().setLabels(new LinkedHashMap<>(templateLabels)).build())
                    .setSpec(spec())
                    .build();
        }

        private LabelSelector labelSelector() {
            return LabelSelector.newBuilder().setMatchLabels(new LinkedHashMap<>(selector)).build();
        }

        public T build() {
            return builder.apply(this);
        }

        private Deployment buildDeployment() {
            return Deployment.newBuilder()
                    .setMetadata(meta(labels))
                    .setSpec(DeploymentSpec.newBuilder()
                            .setReplicas(replicas)
                            .setSelector(labelSelector())
                            .setTemplate(template())
                            .setStrategy(strategy == null ? null : DeploymentStrategy.newBuilder().setType(strategy).build())
                            .build())
                    .build();
        }

        private ReplicaSet buildReplicaSet() {
            return ReplicaSet.newBuilder()
                    .setMetadata(meta(labels))
                    .setSpec(ReplicaSetSpec.newBuilder()
                            .setReplicas(replicas)
                            .setSelector(labelSelector())
                            .setTemplate(template())
                            .build())
                    .build();
        }
    }

    /** A Node: without {@link #heartbeat} what a user declares, with it the agent's registration (Ready, capacity). */
    public static final class NodeFixture {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Boolean unschedulable;
        private Instant heartbeat;

        NodeFixture(String name) {
            this.name = name;
        }

        public NodeFixture label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public NodeFixture unschedulable(Boolean value) {
            this.unschedulable = value;
            return this;
        }

        /** Makes it a registration, as the agent writes it, whose last heartbeat was at {@code time}. */
        public NodeFixture heartbeat(Instant time) {
            this.heartbeat = time;
            return this;
        }

        public Node build() {
            ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName(name).setLabels(new LinkedHashMap<>(labels));
            Node.Builder node = Node.newBuilder()
                    .setSpec(unschedulable == null ? null : NodeSpec.newBuilder().setUnschedulable(unschedulable).build());
            if (heartbeat == null) {
                return node.setMetadata(meta.build()).build();
            }
            NodeCondition ready = NodeCondition.newBuilder().setType("Ready").setStatus("True").setReason("KubeletReady")
                    .setLastHeartbeatTime(heartbeat).build();
            return node.setMetadata(meta.setUid("agent-" + name).setCreationTimestamp(heartbeat).build())
                    .setStatus(NodeStatus.newBuilder().setCapacity(Map.of("cpu", "4", "memory", "8Gi"))
                            .setConditions(new ArrayList<>(List.of(ready))).build())
                    .build();
        }
    }
}

package io.korch.cli.testing;

import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.DeploymentStatus;
import io.korch.api.LabelSelector;
import io.korch.api.Node;
import io.korch.api.NodeAddress;
import io.korch.api.NodeCondition;
import io.korch.api.NodeStatus;
import io.korch.api.NodeSystemInfo;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodCondition;
import io.korch.api.PodSpec;
import io.korch.api.PodStatus;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ResourceRequirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small builders of API objects for tests: {@code Fixtures.pod("web-1").running().age(5m)}. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Metadata in {@code default}, created {@code age} before {@link Cli#NOW}. */
    public static ObjectMeta meta(String namespace, String name, Duration age) {
        return ObjectMeta.newBuilder()
                .setName(name)
                .setNamespace(namespace)
                .setUid(name + "-uid")
                .setCreationTimestamp(Cli.NOW.minus(age))
                .build();
    }

    /** A one-container pod of korch/busybox. */
    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** Builds pods step by step. */
    public static final class PodBuilder {
        private final Pod.Builder pod;

        private PodBuilder(String name) {
            pod = Pod.newBuilder()
                    .setMetadata(meta("default", name, Duration.ofMinutes(5)))
                    .setSpec(PodSpec.newBuilder().setContainers(List.of(container("main", "50m", "16Mi"))).build());
        }

        public PodBuilder namespace(String namespace) {
            pod.getMetadata().setNamespace(namespace);
            return this;
        }

        public PodBuilder label(String key, String value) {
            pod.getMetadata().getLabels().put(key, value);
            return this;
        }

        public PodBuilder age(Duration age) {
            pod.getMetadata().setCreationTimestamp(Cli.NOW.minus(age));
            return this;
        }

        /** Bound to {@code node}, Running with its container ready, {@code restarts} restarts. */
        public PodBuilder running(String node, int restarts) {
            pod.getSpec().setNodeName(node);
            pod.setStatus(PodStatus.newBuilder()
                    .setPhase("Running")
                    .setHostIP("127.0.0.1")
                    .setPodIP("10.0.0.7")
                    .setStartTime(Cli.NOW.minusSeconds(240))
                    .setConditions(List.of(condition("PodScheduled", "True", null, null), condition("Ready", "True", null, null)))
                    .setContainerStatuses(List.of(ContainerStatus.newBuilder()
                            .setName("main")
                            .setImage("korch/busybox:latest")
                            .setReady(true)
                            .setRestartCount(restarts)
                            .setContainerID("docker://abc123")
                            .setState(ContainerState.newBuilder()
                                    .setRunning(ContainerStateRunning.newBuilder().setStartedAt(Cli.NOW.minusSeconds(200)).build())
                                    .build())
                            .build()))
                    .build());
            return this;
        }

        /** Pending because the scheduler found no node: condition PodScheduled False, Unschedulable. */
        public PodBuilder unschedulable(String message) {
            pod.setStatus(PodStatus.newBuilder()
                    .setPhase("Pending")
                    .setConditions(List.of(condition("PodScheduled", "False", "Unschedulable", message)))
                    .build());
            return this;
        }

        /** Bound to {@code node}, its container waiting with {@code reason}. */
        public PodBuilder waiting(String node, String reason) {
            pod.getSpec().setNodeName(node);
            pod.setStatus(PodStatus.newBuilder()
                    .setPhase("Pending")
                    .setContainerStatuses(List.of(ContainerStatus.newBuilder()
                            .setName("main")
                            .setImage("korch/busybox:latest")
                            .setState(ContainerState.newBuilder()
                                    .setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).build())
                                    .build())
                            .build()))
                    .build());
            return this;
        }

        public Pod build() {
            return pod.build();
        }
    }

    /** A container with cpu and memory requests. */
    public static Container container(String name, String cpu, String memory) {
        return Container.newBuilder()
                .setName(name)
                .setImage("korch/busybox:latest")
                .setCommand(List.of("sh", "-c", "sleep 3600"))
                .setResources(ResourceRequirements.newBuilder().setRequests(Map.of("cpu", cpu, "memory", memory)).build())
                .build();
    }

    /** A pod condition. */
    public static PodCondition condition(String type, String status, String reason, String message) {
        return PodCondition.newBuilder().setType(type).setStatus(status).setReason(reason).setMessage(message).build();
    }

    /** A deployment of {@code replicas} with {@code ready} of them ready. */
    public static Deployment deployment(String name, int replicas, int ready) {
        return Deployment.newBuilder()
                .setMetadata(meta("default", name, Duration.ofHours(3)))
                .setSpec(DeploymentSpec.newBuilder()
                        .setReplicas(replicas)
                        .setSelector(LabelSelector.newBuilder().setMatchLabels(Map.of("app", name)).build())
                        .setTemplate(PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().setLabels(Map.of("app", name)).build())
                                .setSpec(PodSpec.newBuilder().setContainers(List.of(container(name, "50m", "16Mi"))).build())
                                .build())
                        .build())
                .setStatus(DeploymentStatus.newBuilder()
                        .setReplicas(replicas)
                        .setUpdatedReplicas(replicas)
                        .setReadyReplicas(ready)
                        .setAvailableReplicas(ready)
                        .setUnavailableReplicas(replicas - ready)
                        .build())
                .build();
    }

    /** A node with 2 CPUs and 4Gi, Ready or not. */
    public static Node node(String name, boolean ready) {
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setUid(name + "-uid")
                        .setLabels(Map.of("kubernetes.io/hostname", name))
                        .setCreationTimestamp(Cli.NOW.minus(Duration.ofDays(2)))
                        .build())
                .setStatus(NodeStatus.newBuilder()
                        .setCapacity(Map.of("cpu", "2", "memory", "4Gi", "pods", "110"))
                        .setAllocatable(Map.of("cpu", "2", "memory", "4Gi", "pods", "110"))
                        .setAddresses(List.of(NodeAddress.newBuilder().setType("InternalIP").setAddress("127.0.0.1").build()))
                        .setConditions(List.of(NodeCondition.newBuilder()
                                .setType("Ready")
                                .setStatus(ready ? "True" : "False")
                                .setReason(ready ? "KubeletReady" : "NodeStatusUnknown")
                                .setLastHeartbeatTime(Cli.NOW.minusSeconds(1))
                                .build()))
                        .setNodeInfo(NodeSystemInfo.newBuilder()
                                .setOperatingSystem("linux")
                                .setArchitecture("amd64")
                                .setKubeletVersion("korch-0.1.0")
                                .build())
                        .build())
                .build();
    }
}

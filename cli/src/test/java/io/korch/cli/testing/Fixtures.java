package io.korch.cli.testing;

import io.korch.api.Container;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStateRunning;
import io.korch.api.ContainerStateWaiting;
import io.korch.api.ContainerStatus;
import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.api.PodCondition;
import io.korch.api.PodStatus;
import io.korch.api.ResourceRequirements;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The test kit's builders set up for the cli's output, at times relative to {@link Cli#NOW}:
 * {@code Fixtures.pod("web-1").nodeName("node-1").status(running(0)).created(ago(Duration.ofMinutes(5)))}.
 */
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

    /** A one-container pod of korch/busybox requesting 50m and 16Mi, created 5 minutes before {@link Cli#NOW}. */
    public static Pods pod(String name) {
        return Pods.pod(name).created(ago(Duration.ofMinutes(5))).containers(List.of(container("main", "50m", "16Mi")));
    }

    /** {@code age} before {@link Cli#NOW}. */
    public static Instant ago(Duration age) {
        return Cli.NOW.minus(age);
    }

    /** Running with its container ready after {@code restarts} restarts; bind the pod with {@link Pods#nodeName}. */
    public static PodStatus running(int restarts) {
        return PodStatus.newBuilder()
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
                .build();
    }

    /** Pending because the scheduler found no node: condition PodScheduled False, Unschedulable. */
    public static PodStatus unschedulable(String message) {
        return PodStatus.newBuilder()
                .setPhase("Pending")
                .setConditions(List.of(condition("PodScheduled", "False", "Unschedulable", message)))
                .build();
    }

    /** Pending with its container waiting with {@code reason}; bind the pod with {@link Pods#nodeName}. */
    public static PodStatus waiting(String reason) {
        return PodStatus.newBuilder()
                .setPhase("Pending")
                .setContainerStatuses(List.of(ContainerStatus.newBuilder()
                        .setName("main")
                        .setImage("korch/busybox:latest")
                        .setState(ContainerState.newBuilder()
                                .setWaiting(ContainerStateWaiting.newBuilder().setReason(reason).build())
                                .build())
                        .build()))
                .build();
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

    /** A deployment of {@code replicas} with {@code ready} of them ready, created 3 hours before {@link Cli#NOW}. */
    public static Deployment deployment(String name, int replicas, int ready) {
        return Deployments.deployment(name)
                .uid(name + "-uid")
                .created(ago(Duration.ofHours(3)))
                .replicas(replicas)
                .template(pod -> pod.containers(List.of(container(name, "50m", "16Mi"))))
                .status(DeploymentStatus.newBuilder()
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
        return Nodes.node(name)
                .uid(name + "-uid")
                .label("kubernetes.io/hostname", name)
                .created(ago(Duration.ofDays(2)))
                .cpu("2")
                .memory("4Gi")
                .maxPods(110)
                .address("InternalIP", "127.0.0.1")
                .heartbeat(Cli.NOW.minusSeconds(1))
                .ready(ready ? "True" : "False", ready ? "KubeletReady" : "NodeStatusUnknown", null)
                .systemInfo("linux", "amd64", "korch-0.1.0")
                .build();
    }
}

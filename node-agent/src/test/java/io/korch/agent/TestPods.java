package io.korch.agent;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.EnvVar;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.topics.Keys;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@code TestPods.pod("web").uid("u1").container("main", "sh", "-c", "sleep 3600").build()}. */
public final class TestPods {

    public static final String IMAGE = "korch/busybox:latest";

    private final String name;
    private String namespace = "default";
    private String uid;
    private String restartPolicy;
    private Long gracePeriodSeconds;
    private final List<Container.Builder> containers = new ArrayList<>();

    private TestPods(String name) {
        this.name = name;
        this.uid = name + "-uid";
    }

    public static TestPods pod(String name) {
        return new TestPods(name);
    }

    /** Where an agent reports on {@code pod}: {@code namespace/name/uid}. */
    public static String statusKey(Pod pod) {
        return Keys.podStatus(Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
                pod.getMetadata().getUid());
    }

    public TestPods namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public TestPods uid(String uid) {
        this.uid = uid;
        return this;
    }

    TestPods restartPolicy(String restartPolicy) {
        this.restartPolicy = restartPolicy;
        return this;
    }

    TestPods gracePeriodSeconds(long seconds) {
        this.gracePeriodSeconds = seconds;
        return this;
    }

    /** Adds a container running {@code command} in the test image. */
    public TestPods container(String containerName, String... command) {
        containers.add(Container.newBuilder()
                .setName(containerName)
                .setImage(IMAGE)
                .setCommand(new ArrayList<>(List.of(command))));
        return this;
    }

    /** Changes the image of the last container. */
    TestPods image(String image) {
        last().setImage(image);
        return this;
    }

    /** Sets the args of the last container. */
    TestPods args(String... args) {
        last().setArgs(new ArrayList<>(List.of(args)));
        return this;
    }

    /** Adds an environment variable to the last container. */
    TestPods env(String key, String value) {
        List<EnvVar> env = new ArrayList<>(last().getEnv() == null ? List.of() : last().getEnv());
        env.add(EnvVar.newBuilder().setName(key).setValue(value).build());
        last().setEnv(env);
        return this;
    }

    /** Adds a port to the last container. */
    TestPods port(int containerPort, Integer hostPort) {
        List<ContainerPort> ports = new ArrayList<>(last().getPorts() == null ? List.of() : last().getPorts());
        ports.add(ContainerPort.newBuilder().setContainerPort(containerPort).setHostPort(hostPort).build());
        last().setPorts(ports);
        return this;
    }

    /** Sets cpu and memory limits of the last container. */
    TestPods limits(String cpu, String memory) {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("cpu", cpu);
        limits.put("memory", memory);
        last().setResources(ResourceRequirements.newBuilder().setLimits(limits).build());
        return this;
    }

    /** Sets the working directory of the last container. */
    TestPods workingDir(String dir) {
        last().setWorkingDir(dir);
        return this;
    }

    public Pod build() {
        if (containers.isEmpty()) {
            container("main", "sh", "-c", "sleep 3600");
        }
        List<Container> built = new ArrayList<>();
        containers.forEach(c -> built.add(c.build()));
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(namespace).setUid(uid).build())
                .setSpec(PodSpec.newBuilder()
                        .setContainers(built)
                        .setRestartPolicy(restartPolicy)
                        .setTerminationGracePeriodSeconds(gracePeriodSeconds)
                        .build())
                .build();
    }

    private Container.Builder last() {
        return containers.get(containers.size() - 1);
    }
}

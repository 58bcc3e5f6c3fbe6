package io.korch.controllers.testing;

import io.korch.api.Container;
import io.korch.api.Deployment;
import io.korch.api.DeploymentSpec;
import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.PodSpec;
import io.korch.api.PodTemplateSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@code Deployments.deployment("web").replicas(3).image("nginx:1.27").build()}. */
public final class Deployments {

    private final String name;
    private String namespace = "default";
    private String uid;
    private long generation = 1;
    private Integer replicas = 3;
    private String image = "korch/busybox:latest";
    private final Map<String, String> labels = new LinkedHashMap<>();

    private Deployments(String name) {
        this.name = name;
        this.uid = "deployment-uid-" + name;
        labels.put("app", name);
    }

    public static Deployments deployment(String name) {
        return new Deployments(name);
    }

    public Deployments namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public Deployments uid(String uid) {
        this.uid = uid;
        return this;
    }

    public Deployments generation(long generation) {
        this.generation = generation;
        return this;
    }

    /** The declared replicas; null leaves the field out. */
    public Deployments replicas(Integer replicas) {
        this.replicas = replicas;
        return this;
    }

    public Deployments image(String image) {
        this.image = image;
        return this;
    }

    /** An extra template label. */
    public Deployments label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public Deployment build() {
        Container container = Container.newBuilder()
                .setName("main")
                .setImage(image)
                .setCommand(new ArrayList<>(List.of("sleep", "3600")))
                .build();
        PodTemplateSpec template = PodTemplateSpec.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setLabels(new LinkedHashMap<>(labels)).build())
                .setSpec(PodSpec.newBuilder().setContainers(new ArrayList<>(List.of(container))).build())
                .build();
        return Deployment.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace(namespace)
                        .setUid(uid)
                        .setGeneration(generation)
                        .setCreationTimestamp(Instant.parse("2025-01-01T00:00:00Z"))
                        .build())
                .setSpec(DeploymentSpec.newBuilder()
                        .setReplicas(replicas)
                        .setSelector(LabelSelector.newBuilder()
                                .setMatchLabels(new LinkedHashMap<>(Map.of("app", labels.get("app"))))
                                .build())
                        .setTemplate(template)
                        .build())
                .build();
    }
}

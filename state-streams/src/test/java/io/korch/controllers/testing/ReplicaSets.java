package io.korch.controllers.testing;

import io.korch.api.Container;
import io.korch.api.LabelSelector;
import io.korch.api.ObjectMeta;
import io.korch.api.PodSpec;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@code ReplicaSets.replicaSet("web").replicas(3).build()}, as a user declares one. */
public final class ReplicaSets {

    private final String name;
    private String uid;
    private Integer replicas = 3;
    private long generation = 1;
    private String app;
    private final Map<String, String> templateLabels = new LinkedHashMap<>();
    private Instant created;

    private ReplicaSets(String name) {
        this.name = name;
        this.uid = "rs-uid-" + name;
        this.app = name;
    }

    public static ReplicaSets replicaSet(String name) {
        return new ReplicaSets(name);
    }

    /** The declared replicas; null leaves the field out. */
    public ReplicaSets replicas(Integer replicas) {
        this.replicas = replicas;
        return this;
    }

    public ReplicaSets uid(String uid) {
        this.uid = uid;
        return this;
    }

    public ReplicaSets generation(long generation) {
        this.generation = generation;
        return this;
    }

    /** The value of the {@code app} label its selector requires and its template sets; the name by default. */
    public ReplicaSets app(String app) {
        this.app = app;
        return this;
    }

    /** A template label beyond those the selector requires. */
    public ReplicaSets templateLabel(String key, String value) {
        templateLabels.put(key, value);
        return this;
    }

    public ReplicaSets created(Instant created) {
        this.created = created;
        return this;
    }

    public ReplicaSet build() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("app", app));
        Map<String, String> template = new LinkedHashMap<>(labels);
        template.putAll(templateLabels);
        Container container = Container.newBuilder().setName("main").setImage("korch/busybox:latest").build();
        return ReplicaSet.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace("default")
                        .setUid(uid)
                        .setGeneration(generation)
                        .setCreationTimestamp(created)
                        .build())
                .setSpec(ReplicaSetSpec.newBuilder()
                        .setReplicas(replicas)
                        .setSelector(LabelSelector.newBuilder().setMatchLabels(new LinkedHashMap<>(labels)).build())
                        .setTemplate(PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().setLabels(template).build())
                                .setSpec(PodSpec.newBuilder().setContainers(new ArrayList<>(List.of(container))).build())
                                .build())
                        .build())
                .build();
    }
}

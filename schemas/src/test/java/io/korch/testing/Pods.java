package io.korch.testing;

import io.korch.api.Container;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: {@code Pods.pod("web").cpu("250m").label("app", "web").build()}. */
public final class Pods {

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> requests = new LinkedHashMap<>();
    private String namespace = "default";

    private Pods(String name) {
        this.name = name;
    }

    public static Pods pod(String name) {
        return new Pods(name);
    }

    public Pods namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public Pods label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public Pods cpu(String quantity) {
        requests.put("cpu", quantity);
        return this;
    }

    public Pods memory(String quantity) {
        requests.put("memory", quantity);
        return this;
    }

    public Pod build() {
        Container container = Container.newBuilder()
                .setName("main")
                .setImage("korch/busybox:latest")
                .setCommand(new ArrayList<>(List.of("sleep", "3600")))
                .setResources(ResourceRequirements.newBuilder().setRequests(new LinkedHashMap<>(requests)).build())
                .build();
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace(namespace)
                        .setUid(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                        .setLabels(new LinkedHashMap<>(labels))
                        .build())
                .setSpec(PodSpec.newBuilder().setContainers(new ArrayList<>(List.of(container))).build())
                .build();
    }
}

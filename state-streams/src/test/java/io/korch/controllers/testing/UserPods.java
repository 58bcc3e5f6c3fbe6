package io.korch.controllers.testing;

import io.korch.api.Container;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@code UserPods.pod("debug").label("app", "web").build()}, a pod as a user declares one. */
public final class UserPods {

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String uid;
    private Instant created = Instant.parse("2025-01-01T00:00:00Z");

    private UserPods(String name) {
        this.name = name;
        this.uid = "pod-uid-" + name;
    }

    public static UserPods pod(String name) {
        return new UserPods(name);
    }

    public UserPods label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public UserPods uid(String uid) {
        this.uid = uid;
        return this;
    }

    public UserPods created(Instant created) {
        this.created = created;
        return this;
    }

    /** Its record key, {@code default/<name>}. */
    public String key() {
        return "default/" + name;
    }

    public Pod build() {
        Container container = Container.newBuilder().setName("main").setImage("korch/busybox:latest").build();
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace("default")
                        .setUid(uid)
                        .setLabels(new LinkedHashMap<>(labels))
                        .setCreationTimestamp(created)
                        .build())
                .setSpec(PodSpec.newBuilder().setContainers(new ArrayList<>(List.of(container))).build())
                .build();
    }
}

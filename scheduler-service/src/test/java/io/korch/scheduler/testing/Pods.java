package io.korch.scheduler.testing;

import io.korch.api.Container;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import io.korch.scheduler.framework.PodInfo;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: {@code Pods.pod("web-1").cpu("250m").owner("rs-web").build()}. */
public final class Pods {

    private final String name;
    private String namespace = "default";
    private String uid;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Map<String, String>> containerRequests = new ArrayList<>();
    private final Map<String, String> limits = new LinkedHashMap<>();
    private String ownerUid;
    private String nodeName;
    private Instant deletionTimestamp;

    private Pods(String name) {
        this.name = name;
        this.uid = UUID.nameUUIDFromBytes(name.getBytes()).toString();
        containerRequests.add(new LinkedHashMap<>());
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

    /** CPU request of the last container. */
    public Pods cpu(String quantity) {
        containerRequests.get(containerRequests.size() - 1).put("cpu", quantity);
        return this;
    }

    /** Memory request of the last container. */
    public Pods memory(String quantity) {
        containerRequests.get(containerRequests.size() - 1).put("memory", quantity);
        return this;
    }

    /** A limit (and no request) on the last container. */
    public Pods limit(String resource, String quantity) {
        limits.put(resource, quantity);
        return this;
    }

    /** Starts another container; later cpu/memory calls apply to it. */
    public Pods container() {
        containerRequests.add(new LinkedHashMap<>());
        return this;
    }

    /** A controller owner reference to a ReplicaSet with this uid. */
    public Pods owner(String ownerUid) {
        this.ownerUid = ownerUid;
        return this;
    }

    public Pods nodeSelector(String key, String value) {
        nodeSelector.put(key, value);
        return this;
    }

    public Pods nodeName(String nodeName) {
        this.nodeName = nodeName;
        return this;
    }

    public Pods deleting() {
        this.deletionTimestamp = Instant.parse("2024-01-01T00:00:00Z");
        return this;
    }

    public String key() {
        return Keys.of(namespace, name);
    }

    public Pod build() {
        List<Container> containers = new ArrayList<>();
        for (int i = 0; i < containerRequests.size(); i++) {
            boolean last = i == containerRequests.size() - 1;
            containers.add(Container.newBuilder()
                    .setName("c" + i)
                    .setImage("busybox:latest")
                    .setResources(ResourceRequirements.newBuilder()
                            .setRequests(new LinkedHashMap<>(containerRequests.get(i)))
                            .setLimits(last ? new LinkedHashMap<>(limits) : new LinkedHashMap<>())
                            .build())
                    .build());
        }
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
                        .setOwnerReferences(owners)
                        .setDeletionTimestamp(deletionTimestamp)
                        .build())
                .setSpec(PodSpec.newBuilder()
                        .setContainers(containers)
                        .setNodeSelector(new LinkedHashMap<>(nodeSelector))
                        .setNodeName(nodeName)
                        .build())
                .build();
    }

    public PodInfo info() {
        return PodInfo.of(key(), build());
    }
}

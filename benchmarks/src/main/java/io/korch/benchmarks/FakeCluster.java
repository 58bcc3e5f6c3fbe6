package io.korch.benchmarks;

import io.korch.api.Container;
import io.korch.api.Node;
import io.korch.api.NodeCondition;
import io.korch.api.NodeStatus;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.api.ResourceRequirements;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic fake cluster for the scheduler benchmark: nodes as their agents register them
 * and pods as the controllers and users declare them, drawn from a seeded generator so every run
 * sees the same cluster.
 *
 * <p>Nodes come in three shapes whose allocatable resources are what a cloud instance keeps after
 * system reservations (4 cpu / 16Gi, 8 cpu / 32Gi, 16 cpu / 64Gi, 110 pods each), spread over three
 * zones, with disk and instance-type labels; {@value #GPU_PERCENT}% carry a GPU label.
 *
 * <p>Most pods are replicas of one of many owners (ReplicaSets), each owner with one request
 * profile, from none (best effort) to 2 cpu / 4Gi; some owners select ssd nodes, a zone or GPU
 * nodes. A few bare pods can never be placed (they ask for more cpu than any node has, or select a
 * label no node carries), so the benchmark also exercises the explanation of unschedulable pods.
 */
final class FakeCluster {

    /** Percentage of nodes labelled {@code accelerator=gpu}. */
    static final int GPU_PERCENT = 2;
    /** Pods per owner, on average. */
    static final int PODS_PER_OWNER = 20;

    private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};
    private static final Instant HEARTBEAT = Instant.parse("2026-01-01T00:00:00Z");

    /** A node shape: instance type, capacity and allocatable cpu and memory. */
    private record Shape(String type, String cpu, String memory, String allocatableCpu, String allocatableMemory) {
    }

    private static final Shape SMALL = new Shape("m.xlarge", "4", "16Gi", "3920m", "14Gi");
    private static final Shape MEDIUM = new Shape("m.2xlarge", "8", "32Gi", "7910m", "29Gi");
    private static final Shape LARGE = new Shape("m.4xlarge", "16", "64Gi", "15890m", "60Gi");

    /** A request profile: cpu and memory requests, null for none. */
    private record Profile(String cpu, String memory) {
    }

    private static final Profile[] PROFILES = {
        new Profile(null, null),      //  5%: best effort
        new Profile("100m", "128Mi"), // 25%
        new Profile("250m", "256Mi"), // 30%
        new Profile("500m", "512Mi"), // 20%
        new Profile("1", "2Gi"),      // 15%
        new Profile("2", "4Gi"),      //  5%
    };
    private static final int[] PROFILE_WEIGHTS = {5, 25, 30, 20, 15, 5};

    private FakeCluster() {
    }

    /** {@code count} Ready nodes named {@code node-00001}…, drawn from {@code seed}. */
    static List<Node> nodes(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Node> nodes = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = String.format("node-%05d", i);
            int draw = random.nextInt(100);
            Shape shape = draw < 50 ? SMALL : draw < 85 ? MEDIUM : LARGE;
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("kubernetes.io/hostname", name);
            labels.put("kubernetes.io/os", "linux");
            labels.put("topology.kubernetes.io/zone", ZONES[i % ZONES.length]);
            labels.put("node.kubernetes.io/instance-type", shape.type());
            labels.put("disk", random.nextInt(100) < 60 ? "ssd" : "hdd");
            if (random.nextInt(100) < GPU_PERCENT) {
                labels.put("accelerator", "gpu");
            }
            nodes.add(node(name, labels, shape));
        }
        return nodes;
    }

    /**
     * {@code count} unbound pods, in the order they arrive, drawn from {@code seed}: about
     * {@value #PODS_PER_OWNER} replicas per owner, owners interleaved, plus 10% bare pods of which
     * one in a hundred can never be placed.
     */
    static List<Pod> pods(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int owners = Math.max(1, count / PODS_PER_OWNER);
        List<OwnerTemplate> templates = new ArrayList<>(owners);
        for (int i = 0; i < owners; i++) {
            templates.add(ownerTemplate(i, random));
        }
        List<Pod> pods = new ArrayList<>(count);
        int[] replicas = new int[owners];
        for (int i = 0; i < count; i++) {
            if (random.nextInt(100) < 10) {
                pods.add(barePod(i, random));
            } else {
                int owner = random.nextInt(owners);
                OwnerTemplate template = templates.get(owner);
                pods.add(pod(template.namespace(), template.name() + "-" + replicas[owner]++, template.uid(),
                        template.profile(), template.nodeSelector()));
            }
        }
        return pods;
    }

    /** The key of a pod, {@code namespace/name}, as in the topics. */
    static String key(Pod pod) {
        return Keys.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    /** What the replicas of one owner share. */
    private record OwnerTemplate(String namespace, String name, String uid, Profile profile, Map<String, String> nodeSelector) {
    }

    private static OwnerTemplate ownerTemplate(int index, SplittableRandom random) {
        Map<String, String> selector = new LinkedHashMap<>();
        int draw = random.nextInt(100);
        if (draw < 10) {
            selector.put("disk", "ssd");
        } else if (draw < 15) {
            selector.put("topology.kubernetes.io/zone", ZONES[random.nextInt(ZONES.length)]);
        } else if (draw < 16) {
            selector.put("accelerator", "gpu");
        }
        return new OwnerTemplate(namespace(random), String.format("app-%05d-rs", index),
                String.format("00000000-0000-0000-0000-%012d", index), profile(random), selector);
    }

    private static Pod barePod(int index, SplittableRandom random) {
        String name = String.format("bare-%06d", index);
        int draw = random.nextInt(200);
        if (draw == 0) {
            // more cpu than any node has: unschedulable, "Insufficient cpu"
            return pod(namespace(random), name, null, new Profile("32", "1Gi"), Map.of());
        }
        if (draw == 1) {
            // a label no node carries: unschedulable, "didn't match Pod's node affinity/selector"
            return pod(namespace(random), name, null, profile(random), Map.of("accelerator", "tpu"));
        }
        return pod(namespace(random), name, null, profile(random), Map.of());
    }

    private static String namespace(SplittableRandom random) {
        return String.format("team-%02d", random.nextInt(20));
    }

    private static Profile profile(SplittableRandom random) {
        int draw = random.nextInt(100);
        for (int i = 0; i < PROFILES.length; i++) {
            draw -= PROFILE_WEIGHTS[i];
            if (draw < 0) {
                return PROFILES[i];
            }
        }
        return PROFILES[PROFILES.length - 1];
    }

    private static Node node(String name, Map<String, String> labels, Shape shape) {
        Map<String, String> capacity = new LinkedHashMap<>();
        capacity.put("cpu", shape.cpu());
        capacity.put("memory", shape.memory());
        capacity.put("pods", "110");
        Map<String, String> allocatable = new LinkedHashMap<>();
        allocatable.put("cpu", shape.allocatableCpu());
        allocatable.put("memory", shape.allocatableMemory());
        allocatable.put("pods", "110");
        return Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setLabels(labels).build())
                .setStatus(NodeStatus.newBuilder()
                        .setCapacity(capacity)
                        .setAllocatable(allocatable)
                        .setConditions(List.of(NodeCondition.newBuilder()
                                .setType("Ready").setStatus("True").setLastHeartbeatTime(HEARTBEAT).build()))
                        .build())
                .build();
    }

    private static Pod pod(String namespace, String name, String ownerUid, Profile profile, Map<String, String> nodeSelector) {
        Map<String, String> requests = new LinkedHashMap<>();
        if (profile.cpu() != null) {
            requests.put("cpu", profile.cpu());
        }
        if (profile.memory() != null) {
            requests.put("memory", profile.memory());
        }
        List<OwnerReference> owners = new ArrayList<>();
        if (ownerUid != null) {
            owners.add(OwnerReference.newBuilder()
                    .setApiVersion("apps/v1").setKind("ReplicaSet").setName(name.substring(0, name.lastIndexOf('-')))
                    .setUid(ownerUid).setController(true).build());
        }
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name)
                        .setNamespace(namespace)
                        .setUid(String.format("%s-%s", namespace, name))
                        .setLabels(Map.of("app", ownerUid == null ? name : name.substring(0, name.lastIndexOf('-'))))
                        .setOwnerReferences(owners)
                        .build())
                .setSpec(PodSpec.newBuilder()
                        .setContainers(List.of(Container.newBuilder()
                                .setName("main")
                                .setImage("registry.example/app:1.0")
                                .setResources(ResourceRequirements.newBuilder()
                                        .setRequests(requests)
                                        .setLimits(new LinkedHashMap<>())
                                        .build())
                                .build()))
                        .setNodeSelector(new LinkedHashMap<>(nodeSelector))
                        .build())
                .build();
    }
}

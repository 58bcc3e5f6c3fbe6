package io.korch.agent.usage;

import io.korch.api.ContainerUsage;
import io.korch.api.NodeUsage;
import io.korch.api.PodUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns successive readings of a node's containers into samples of use: a container's CPU use is the CPU
 * time it used between its previous reading and this one over the time between them (so a sample averages
 * over the whole metrics interval, as the kubelet's does), its memory the working set of this reading. A
 * container read for the first time, or whose counter went back (it restarted), has no CPU use yet; a pod
 * is sampled once all its running containers have one. The node's sample sums every container that has one.
 *
 * <p>Not thread-safe: one reporter thread calls it.
 */
final class UsageSampler {

    private final String nodeName;
    private Map<String, ContainerStats> previous = Map.of();
    private Instant previousRound;

    UsageSampler(String nodeName) {
        this.nodeName = nodeName;
    }

    /** The samples of one round of readings. */
    record Samples(List<PodUsage> pods, Optional<NodeUsage> node) {
    }

    /**
     * The samples of a round that found {@code running} containers, read {@code readings} of them and ended at
     * {@code now}. The node is sampled from the second round on, with no pods too. A running container this
     * round did not read keeps its last reading, so its next sample spans the rounds in between.
     */
    Samples sample(Map<PodContainer, ContainerStats> readings, Collection<PodContainer> running, Instant now) {
        Map<String, List<PodContainer>> byPod = new LinkedHashMap<>();
        readings.keySet().forEach(c -> byPod.computeIfAbsent(c.podKey() + "/" + c.podUid(), k -> new ArrayList<>()).add(c));
        List<PodUsage> pods = new ArrayList<>();
        long nodeCpu = 0;
        long nodeMemory = 0;
        for (List<PodContainer> containers : byPod.values()) {
            List<ContainerUsage> usages = new ArrayList<>();
            Instant end = Instant.MIN;
            long window = 0;
            for (PodContainer container : containers) {
                ContainerStats reading = readings.get(container);
                ContainerStats before = previous.get(container.id());
                Optional<Long> cpu = before == null ? Optional.empty() : reading.nanoCoresSince(before);
                if (cpu.isEmpty()) {
                    continue;
                }
                nodeCpu += cpu.get();
                nodeMemory += reading.workingSet();
                usages.add(new ContainerUsage(container.container(), cpu.get(), reading.workingSet()));
                if (reading.readAt().isAfter(end)) {
                    end = reading.readAt();
                }
                window = Math.max(window, Duration.between(before.readAt(), reading.readAt()).toMillis());
            }
            if (usages.size() == containers.size()) {
                PodContainer first = containers.get(0);
                usages.sort(Comparator.comparing(ContainerUsage::getName));
                pods.add(PodUsage.newBuilder()
                        .setNamespace(first.namespace())
                        .setName(first.pod())
                        .setUid(first.podUid())
                        .setNodeName(nodeName)
                        .setTimestamp(end)
                        .setWindowMillis(window)
                        .setContainers(usages)
                        .build());
            }
        }
        Optional<NodeUsage> node = previousRound == null ? Optional.empty() : Optional.of(NodeUsage.newBuilder()
                .setNodeName(nodeName)
                .setTimestamp(now)
                .setWindowMillis(Duration.between(previousRound, now).toMillis())
                .setCpuNanoCores(nodeCpu)
                .setMemoryBytes(nodeMemory)
                .build());
        Map<String, ContainerStats> next = new HashMap<>();
        running.stream().filter(c -> previous.containsKey(c.id())).forEach(c -> next.put(c.id(), previous.get(c.id())));
        readings.forEach((container, stats) -> next.put(container.id(), stats));
        previous = next;
        previousRound = now;
        return new Samples(pods, node);
    }
}

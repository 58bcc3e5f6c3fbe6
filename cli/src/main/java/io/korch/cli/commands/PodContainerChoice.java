package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@code korch logs} and {@code korch exec} pick what they talk to, as kubectl does: the container named with
 * {@code -c}, else the one the {@code kubectl.kubernetes.io/default-container} annotation names, else the first
 * (saying so when there was a choice); and for a deployment, the first of its pods. Pure.
 */
final class PodContainerChoice {

    /** The annotation naming a pod's default container. */
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    private PodContainerChoice() {
    }

    /**
     * The container to use in {@code pod}: {@code requested} when given, else the default; {@code notice} gets
     * kubectl's {@code Defaulted container "a" out of: a, b} when the pod has other containers to choose from.
     */
    static String container(JsonNode pod, String requested, Consumer<String> notice) {
        if (requested != null && !requested.isEmpty()) {
            return requested;
        }
        List<String> containers = names(pod.path("spec").path("containers"));
        List<String> init = names(pod.path("spec").path("initContainers"));
        String annotated = pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER).asText(null);
        if (annotated != null) {
            if (containers.contains(annotated) || init.contains(annotated)) {
                return annotated;
            }
            notice.accept("Default container name \"" + annotated + "\" not found in pod "
                    + pod.path("metadata").path("name").asText());
        }
        if (containers.isEmpty()) {
            throw new CommandFailedException("pod " + pod.path("metadata").path("name").asText() + " has no containers");
        }
        String first = containers.get(0);
        if (containers.size() > 1 || !init.isEmpty()) {
            List<String> all = new ArrayList<>(containers);
            init.forEach(name -> all.add(name + " (init)"));
            notice.accept("Defaulted container \"" + first + "\" out of: " + String.join(", ", all));
        }
        return first;
    }

    /**
     * The pod kubectl would pick among a controller's {@code pods}: running before not running, then ready, then
     * the oldest; empty when there are none.
     */
    static Optional<JsonNode> firstPod(List<JsonNode> pods) {
        Comparator<JsonNode> order = Comparator
                .comparing((JsonNode pod) -> !"Running".equals(pod.path("status").path("phase").asText()))
                .thenComparing(pod -> !ready(pod))
                .thenComparing(pod -> pod.path("metadata").path("creationTimestamp").asText(""))
                .thenComparing(pod -> pod.path("metadata").path("name").asText());
        return pods.stream().min(order);
    }

    /** Refuses exec into a pod that ran to completion, in kubectl's words. */
    static void requireNotCompleted(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw new CommandFailedException("cannot exec into a container in a completed pod; current phase is " + phase);
        }
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}

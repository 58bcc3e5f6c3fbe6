package io.korch.cli.output.describe;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.ContainerState;
import io.korch.api.ContainerStatus;
import io.korch.api.EnvFromSource;
import io.korch.api.EnvVar;
import io.korch.api.EnvVarSource;
import io.korch.api.Event;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.PodTemplateSpec;
import io.korch.api.ResourceRequirements;
import io.korch.cli.output.DescribeWriter;
import io.korch.printing.EventPrinter;
import io.korch.cli.output.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The parts several {@code describe} reports share: metadata, containers, templates and events. */
public final class Sections {

    private Sections() {
    }

    /** Labels and annotations, one per line. */
    static void labelsAndAnnotations(DescribeWriter w, ObjectMeta meta) {
        w.map(0, "Labels", meta.getLabels(), "=");
        w.map(0, "Annotations", meta.getAnnotations(), ": ");
    }

    /** {@code Controlled By: ReplicaSet/web-7d9f} when an owner controls the object. */
    static void controlledBy(DescribeWriter w, ObjectMeta meta) {
        meta.getOwnerReferences().stream()
                .filter(owner -> Boolean.TRUE.equals(owner.getController()))
                .findFirst()
                .or(() -> meta.getOwnerReferences().stream().findFirst())
                .ifPresent((OwnerReference owner) -> w.field(0, "Controlled By", owner.getKind() + "/" + owner.getName()));
    }

    /** A pod template: its labels, containers and node selector. */
    public static void podTemplate(DescribeWriter w, PodTemplateSpec template) {
        w.line(0, "Pod Template:");
        Map<String, String> labels = template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels();
        w.map(1, "Labels", labels, "=");
        w.line(1, "Containers:");
        for (Container container : template.getSpec().getContainers()) {
            container(w, 2, container, null, null);
        }
        w.map(1, "Node-Selectors", template.getSpec().getNodeSelector(), "=");
    }

    /**
     * One container at {@code level}: image, ports, command, and — when a status is given — its
     * state, last state, readiness and restarts; then resources, probes, environment and mounts.
     */
    static void container(DescribeWriter w, int level, Container container, ContainerStatus status, DescribeContext at) {
        w.line(level, container.getName() + ":");
        int in = level + 1;
        if (status != null) {
            w.field(in, "Container ID", status.getContainerID());
        }
        w.field(in, "Image", container.getImage());
        ports(w, in, container.getPorts());
        list(w, in, "Command", container.getCommand());
        list(w, in, "Args", container.getArgs());
        if (container.getWorkingDir() != null) {
            w.field(in, "Working Dir", container.getWorkingDir());
        }
        if (at != null) {
            state(w, in, "State", status == null ? null : status.getState(), at);
            if (status != null && status.getLastState() != null && hasState(status.getLastState())) {
                state(w, in, "Last State", status.getLastState(), at);
            }
            w.field(in, "Ready", status != null && status.getReady() ? "True" : "False");
            w.field(in, "Restart Count", status == null ? 0 : status.getRestartCount());
        }
        ResourceRequirements resources = container.getResources();
        if (resources != null) {
            quantities(w, in, "Limits", resources.getLimits());
            quantities(w, in, "Requests", resources.getRequests());
        }
        ContainerDetails.probes(w, in, container);
        environmentFrom(w, in, container.getEnvFrom());
        environment(w, in, container.getEnv());
        ContainerDetails.mounts(w, in, container);
    }

    private static void ports(DescribeWriter w, int level, List<ContainerPort> ports) {
        String container = ports.stream()
                .map(p -> p.getContainerPort() + "/" + protocol(p))
                .collect(Collectors.joining(", "));
        String host = ports.stream()
                .filter(p -> p.getHostPort() != null)
                .map(p -> p.getHostPort() + "/" + protocol(p))
                .collect(Collectors.joining(", "));
        w.field(level, ports.size() > 1 ? "Ports" : "Port", container);
        w.field(level, "Host Port" + (ports.size() > 1 ? "s" : ""), host);
    }

    private static String protocol(ContainerPort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

    private static void list(DescribeWriter w, int level, String key, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        w.line(level, key + ":");
        for (String item : items) {
            for (String line : item.split("\n")) {
                w.line(level + 1, line);
            }
        }
    }

    private static boolean hasState(ContainerState state) {
        return state.getRunning() != null || state.getWaiting() != null || state.getTerminated() != null;
    }

    private static void state(DescribeWriter w, int level, String label, ContainerState state, DescribeContext at) {
        if (state == null || !hasState(state)) {
            w.field(level, label, "Waiting");
            return;
        }
        if (state.getRunning() != null) {
            w.field(level, label, "Running");
            w.field(level + 1, "Started", at.time(state.getRunning().getStartedAt()));
        } else if (state.getWaiting() != null) {
            w.field(level, label, "Waiting");
            w.field(level + 1, "Reason", state.getWaiting().getReason());
            if (state.getWaiting().getMessage() != null) {
                w.field(level + 1, "Message", state.getWaiting().getMessage());
            }
        } else {
            var terminated = state.getTerminated();
            w.field(level, label, "Terminated");
            w.field(level + 1, "Reason", terminated.getReason());
            if (terminated.getMessage() != null) {
                w.field(level + 1, "Message", terminated.getMessage());
            }
            w.field(level + 1, "Exit Code", terminated.getExitCode());
            w.field(level + 1, "Started", at.time(terminated.getStartedAt()));
            w.field(level + 1, "Finished", at.time(terminated.getFinishedAt()));
        }
    }

    private static void quantities(DescribeWriter w, int level, String key, Map<String, String> quantities) {
        if (quantities.isEmpty()) {
            return;
        }
        w.line(level, key + ":");
        new TreeMap<>(quantities).forEach((name, value) -> w.field(level + 1, name, value));
    }

    /** {@code Environment Variables from:}, one line per ConfigMap or Secret, as kubectl shows them. */
    private static void environmentFrom(DescribeWriter w, int level, List<EnvFromSource> sources) {
        if (sources.isEmpty()) {
            return;
        }
        w.line(level, "Environment Variables from:");
        for (EnvFromSource source : sources) {
            String prefix = source.getPrefix() == null || source.getPrefix().isEmpty() ? ""
                    : " with prefix '" + source.getPrefix() + "'";
            if (source.getConfigMapRef() != null) {
                w.line(level + 1, source.getConfigMapRef().getName() + "\tConfigMap" + prefix + "\tOptional: "
                        + Boolean.TRUE.equals(source.getConfigMapRef().getOptional()));
            } else if (source.getSecretRef() != null) {
                w.line(level + 1, source.getSecretRef().getName() + "\tSecret" + prefix + "\tOptional: "
                        + Boolean.TRUE.equals(source.getSecretRef().getOptional()));
            }
        }
    }

    /**
     * {@code Environment:}: a value as given; a reference as kubectl describes it, never the value of a
     * Secret ({@code <set to the key 'password' in secret 'db'>}).
     */
    private static void environment(DescribeWriter w, int level, List<EnvVar> env) {
        if (env.isEmpty()) {
            w.field(level, "Environment", "<none>");
            return;
        }
        w.line(level, "Environment:");
        for (EnvVar var : env) {
            EnvVarSource from = var.getValueFrom();
            if (from == null) {
                w.line(level + 1, var.getName() + ":\t" + (var.getValue() == null ? "" : var.getValue()));
            } else if (from.getFieldRef() != null) {
                String apiVersion = from.getFieldRef().getApiVersion() == null ? "v1" : from.getFieldRef().getApiVersion();
                w.line(level + 1, var.getName() + ":\t (" + apiVersion + ":" + from.getFieldRef().getFieldPath() + ")");
            } else if (from.getResourceFieldRef() != null) {
                w.line(level + 1, var.getName() + ":\t (" + from.getResourceFieldRef().getResource() + ")");
            } else if (from.getSecretKeyRef() != null) {
                w.line(level + 1, var.getName() + ":\t<set to the key '" + from.getSecretKeyRef().getKey()
                        + "' in secret '" + from.getSecretKeyRef().getName() + "'>\tOptional: "
                        + Boolean.TRUE.equals(from.getSecretKeyRef().getOptional()));
            } else if (from.getConfigMapKeyRef() != null) {
                w.line(level + 1, var.getName() + ":\t<set to the key '" + from.getConfigMapKeyRef().getKey()
                        + "' of config map '" + from.getConfigMapKeyRef().getName() + "'>\tOptional: "
                        + Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional()));
            }
        }
    }

    /** The {@code Events:} table, oldest first, or {@code Events: <none>}. */
    static void events(DescribeWriter w, List<Event> events, DescribeContext at) {
        if (events.isEmpty()) {
            w.field(0, "Events", "<none>");
            return;
        }
        w.line(0, "Events:");
        Table table = Table.of("Type", "Reason", "Age", "From", "Message");
        events.stream()
                .sorted(Comparator.comparing(Event::getLastTimestamp))
                .forEach(e -> table.row(e.getType(), e.getReason(), eventAge(e, at), EventPrinter.source(e.getSource()), e.getMessage()));
        w.table(1, table);
    }

    /** An explanation in place of the events when they could not be read. */
    static void eventsUnavailable(DescribeWriter w, String why) {
        w.field(0, "Events", "<unavailable: " + why + ">");
    }

    private static String eventAge(Event event, DescribeContext at) {
        return at.repeated(event.getFirstTimestamp(), event.getLastTimestamp(), event.getCount());
    }
}

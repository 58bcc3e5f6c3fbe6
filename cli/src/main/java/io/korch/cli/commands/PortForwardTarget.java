package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.PortForwardClient.Forward;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * How {@code korch port-forward} reads its arguments, as kubectl does: the target ({@code NAME}, {@code pod/NAME},
 * {@code svc/NAME}, {@code deployment/NAME}, {@code replicaset/NAME}), the {@code [LOCAL:]REMOTE} ports, with a
 * container port's name resolved in the pod and a Service port mapped to its {@code targetPort} (a number, or a
 * container port's name), and the addresses to listen on. Pure; the messages are kubectl's.
 */
final class PortForwardTarget {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Set<String> SERVICE_WORDS = Set.of("svc", "service", "services");

    /** What a target names: a Service (kind null), or a kind served by {@link ApiKind}. */
    record Named(boolean service, ApiKind kind, String name) {
        String describe() {
            return (service ? "service" : kind.singular()) + "/" + name;
        }
    }

    private PortForwardTarget() {
    }

    /**
     * Reads {@code web}, {@code pod/web}, {@code svc/web} or {@code deploy/web}.
     *
     * @throws CommandFailedException for a kind whose pods cannot be forwarded to
     */
    static Named parse(String target) {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return new Named(false, ApiKind.POD, target);
        }
        String word = target.substring(0, slash);
        String name = target.substring(slash + 1);
        if (name.isEmpty()) {
            throw new CommandFailedException("pod name or resource type/name must be specified");
        }
        if (SERVICE_WORDS.contains(word.toLowerCase())) {
            return new Named(true, null, name);
        }
        ApiKind kind = KindArguments.kind(word);
        if (kind != ApiKind.POD && kind != ApiKind.DEPLOYMENT && kind != ApiKind.REPLICASET) {
            throw new CommandFailedException("cannot attach to " + kind.plural() + ": name a pod, a service, a"
                    + " deployment or a replicaset");
        }
        return new Named(false, kind, name);
    }

    /**
     * Reads {@code 5000}, {@code 8888:5000}, {@code :5000} (any free local port) as client-go does.
     *
     * @throws CommandFailedException with client-go's words when one does not parse
     */
    static List<Forward> parsePorts(List<String> specs) {
        List<Forward> forwards = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", -1);
            String local;
            String remote;
            if (parts.length == 1) {
                local = parts[0];
                remote = parts[0];
            } else if (parts.length == 2) {
                local = parts[0].isEmpty() ? "0" : parts[0];
                remote = parts[1];
            } else {
                throw new CommandFailedException("invalid port format '" + spec + "'");
            }
            int localPort = port(local, "local");
            int remotePort = port(remote, "remote");
            if (remotePort == 0) {
                throw new CommandFailedException("remote port must be > 0");
            }
            forwards.add(new Forward(localPort, remotePort));
        }
        return forwards;
    }

    /** The ports with container port names replaced by the numbers {@code pod} gives them (kubectl's conversion). */
    static List<String> podPorts(List<String> specs, JsonNode pod) {
        List<String> converted = new ArrayList<>();
        for (String spec : specs) {
            String[] split = split(spec);
            String local = split[0];
            String remote = split[1];
            if (remote.isEmpty()) {
                throw new CommandFailedException("remote port cannot be empty");
            }
            String number = isNumber(remote) ? remote : Integer.toString(containerPortByName(pod, remote));
            converted.add(local.equals(remote) ? number : local + ":" + number);
        }
        return converted;
    }

    /** The ports with each Service port replaced by the container port it targets in {@code pod} (kubectl's translation). */
    static List<String> servicePorts(List<String> specs, JsonNode service, JsonNode pod) {
        List<String> translated = new ArrayList<>();
        for (String spec : specs) {
            String[] split = split(spec);
            String local = split[0];
            String remote = split[1];
            int number;
            if (isNumber(remote)) {
                number = Integer.parseInt(remote);
            } else {
                number = servicePortByName(service, remote);
                if (local.equals(remote)) {
                    local = Integer.toString(number);
                }
            }
            String target = Integer.toString(targetPort(service, pod, number));
            translated.add(local.equals(target) ? target : local + ":" + target);
        }
        return translated;
    }

    /**
     * The addresses to listen on: IP literals as given, {@code localhost} as {@code 127.0.0.1}.
     *
     * @throws CommandFailedException for one that is not an IP address
     */
    static List<String> addresses(List<String> given) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : given) {
            if (address.equals("localhost")) {
                addresses.add("127.0.0.1");
            } else if (IPV4.matcher(address).matches() || address.matches("[0-9a-fA-F:.]+") && address.contains(":")) {
                addresses.add(address);
            } else {
                throw new CommandFailedException(address + " is not a valid IP");
            }
        }
        return List.copyOf(addresses);
    }

    /** A label selector from a {@code matchLabels} or Service {@code selector} map, such as {@code app=web}. */
    static String selector(JsonNode labels) {
        StringJoiner selector = new StringJoiner(",");
        labels.fields().forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        return selector.toString();
    }

    private static int targetPort(JsonNode service, JsonNode pod, int port) {
        if ("None".equals(service.path("spec").path("clusterIP").asText())) {
            return port;
        }
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            if (servicePort.path("port").asInt() != port) {
                continue;
            }
            JsonNode target = servicePort.path("targetPort");
            if (target.isMissingNode() || target.isNull() || target.isNumber()) {
                return target.asInt() == 0 ? port : target.asInt();
            }
            return containerPortByName(pod, target.asText());
        }
        throw new CommandFailedException("Service " + service.path("metadata").path("name").asText()
                + " does not have a service port " + port);
    }

    private static int servicePortByName(JsonNode service, String name) {
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            if (name.equals(servicePort.path("name").asText())) {
                return servicePort.path("port").asInt();
            }
        }
        throw new CommandFailedException("Service '" + service.path("metadata").path("name").asText()
                + "' does not have a named port '" + name + "'");
    }

    private static int containerPortByName(JsonNode pod, String name) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : pod.path("spec").path(list)) {
                for (JsonNode port : container.path("ports")) {
                    if (name.equals(port.path("name").asText())) {
                        return port.path("containerPort").asInt();
                    }
                }
            }
        }
        throw new CommandFailedException("Pod '" + pod.path("metadata").path("name").asText()
                + "' does not have a named port '" + name + "'");
    }

    /** kubectl's {@code splitPort}: {@code LOCAL:REMOTE}, or one port for both. */
    private static String[] split(String spec) {
        String[] parts = spec.split(":", -1);
        return parts.length == 2 ? parts : new String[] {parts[0], parts[0]};
    }

    private static boolean isNumber(String text) {
        return text.matches("-?\\d+");
    }

    private static int port(String text, String which) {
        if (!text.matches("\\d+") || text.length() > 5 || Integer.parseInt(text) > 65535) {
            String reason = text.matches("\\d+") ? "value out of range" : "invalid syntax";
            throw new CommandFailedException("error parsing " + which + " port '" + text + "': strconv.ParseUint:"
                    + " parsing \"" + text + "\": " + reason);
        }
        return Integer.parseInt(text);
    }
}

package io.korch.gateway.validation;

import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.ExecAction;
import io.korch.api.GRPCAction;
import io.korch.api.HTTPGetAction;
import io.korch.api.HTTPHeader;
import io.korch.api.Lifecycle;
import io.korch.api.LifecycleHandler;
import io.korch.api.Probe;
import io.korch.api.SleepAction;
import io.korch.api.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rules on a container's probes and lifecycle hooks, worded as Kubernetes words them: each has
 * exactly one handler, a probe's counts are not negative, liveness and startup probes succeed at
 * once ({@code successThreshold} 1). A port given by name must be one the container's
 * {@code ports} name: Kubernetes admits an unknown name and the probe then fails on the node,
 * korch refuses it up front.
 */
final class HandlerRules {

    static final String NO_HANDLER = "must specify a handler type";
    static final String MORE_THAN_ONE = "may not specify more than 1 handler type";
    static final List<String> SCHEMES = List.of("HTTP", "HTTPS");
    static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

    private static final Pattern HEADER_NAME = Pattern.compile("[-A-Za-z0-9]+");
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private HandlerRules() {
    }

    /** Checks the probes and lifecycle of {@code container} at {@code path}, its pod's grace period being {@code grace}. */
    static void validate(Container container, String path, long grace, Causes causes) {
        probe(container.getLivenessProbe(), container, path + ".livenessProbe", true, causes);
        probe(container.getReadinessProbe(), container, path + ".readinessProbe", false, causes);
        probe(container.getStartupProbe(), container, path + ".startupProbe", true, causes);
        Lifecycle lifecycle = container.getLifecycle();
        if (lifecycle != null) {
            hook(lifecycle.getPostStart(), container, path + ".lifecycle.postStart", grace, causes);
            hook(lifecycle.getPreStop(), container, path + ".lifecycle.preStop", grace, causes);
        }
    }

    private static void probe(Probe probe, Container container, String path, boolean mustSucceedOnce, Causes causes) {
        if (probe == null) {
            return;
        }
        handlers(path, container, causes, probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc(),
                null, 0);
        nonNegative(path + ".initialDelaySeconds", probe.getInitialDelaySeconds(), causes);
        nonNegative(path + ".timeoutSeconds", probe.getTimeoutSeconds(), causes);
        nonNegative(path + ".periodSeconds", probe.getPeriodSeconds(), causes);
        nonNegative(path + ".successThreshold", probe.getSuccessThreshold(), causes);
        nonNegative(path + ".failureThreshold", probe.getFailureThreshold(), causes);
        Integer success = probe.getSuccessThreshold();
        if (mustSucceedOnce && success != null && success != 0 && success != 1) {
            causes.invalid(path + ".successThreshold", success, "must be 1");
        }
        Long grace = probe.getTerminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            causes.invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than 0");
        }
    }

    private static void hook(LifecycleHandler hook, Container container, String path, long grace, Causes causes) {
        if (hook != null) {
            handlers(path, container, causes, hook.getExec(), hook.getHttpGet(), hook.getTcpSocket(), null,
                    hook.getSleep(), grace);
        }
    }

    /** Checks that exactly one of the handlers is set, and the one set; the first set counts, as in Kubernetes. */
    private static void handlers(String path, Container container, Causes causes, ExecAction exec,
                                 HTTPGetAction httpGet, TCPSocketAction tcpSocket, GRPCAction grpc, SleepAction sleep,
                                 long grace) {
        List<String> set = new ArrayList<>();
        if (exec != null && first(set, "exec", path, causes) && exec.getCommand().isEmpty()) {
            causes.required(path + ".exec.command");
        }
        if (httpGet != null && first(set, "httpGet", path, causes)) {
            httpGet(httpGet, container, path + ".httpGet", causes);
        }
        if (tcpSocket != null && first(set, "tcpSocket", path, causes)) {
            port(tcpSocket.getPort(), container, path + ".tcpSocket.port", causes);
        }
        if (grpc != null && first(set, "grpc", path, causes) && (grpc.getPort() < 1 || grpc.getPort() > 65535)) {
            causes.invalid(path + ".grpc.port", grpc.getPort(), PodSpecRules.PORT_RANGE);
        }
        if (sleep != null && first(set, "sleep", path, causes) && (sleep.getSeconds() <= 0 || sleep.getSeconds() > grace)) {
            causes.invalid(path + ".sleep.seconds", sleep.getSeconds(),
                    "must be greater than 0 and less than terminationGracePeriodSeconds (" + grace + ")");
        }
        if (set.isEmpty()) {
            causes.required(path, NO_HANDLER);
        }
    }

    /** Records handler {@code name} as set; true when it is the first, else reports it. */
    private static boolean first(List<String> set, String name, String path, Causes causes) {
        if (!set.isEmpty()) {
            causes.forbidden(path + "." + name, MORE_THAN_ONE);
            return false;
        }
        set.add(name);
        return true;
    }

    private static void httpGet(HTTPGetAction action, Container container, String path, Causes causes) {
        port(action.getPort(), container, path + ".port", causes);
        if (action.getScheme() != null && !SCHEMES.contains(action.getScheme())) {
            causes.notSupported(path + ".scheme", action.getScheme(), SCHEMES);
        }
        for (HTTPHeader header : action.getHttpHeaders()) {
            if (!HEADER_NAME.matcher(header.getName()).matches()) {
                causes.invalid(path + ".httpHeaders", header.getName(), "a valid HTTP header must consist of"
                        + " alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is"
                        + " '[-A-Za-z0-9]+')");
            }
        }
    }

    /** Checks a port given as a number or as the name of one of the container's ports. */
    private static void port(String port, Container container, String path, Causes causes) {
        if (port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
            long number = port.length() > 6 ? Long.MAX_VALUE : Long.parseLong(port);
            if (number < 1 || number > 65535) {
                causes.invalid(path, number, PodSpecRules.PORT_RANGE);
            }
            return;
        }
        String problem = portNameProblem(port);
        if (problem != null) {
            causes.invalid(path, port, problem);
        } else if (container.getPorts().stream().map(ContainerPort::getName).noneMatch(n -> Objects.equals(n, port))) {
            causes.invalid(path, port, "must be the name of one of the container's ports");
        }
    }

    /** What is wrong with a port name, as Kubernetes' {@code IsValidPortName} says it; null when nothing. */
    static String portNameProblem(String name) {
        if (name.length() > 15) {
            return "must be no more than 15 characters";
        }
        if (!PORT_NAME_CHARS.matcher(name).matches()) {
            return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }
        if (name.contains("--")) {
            return "must not contain consecutive hyphens";
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            return "must not begin or end with a hyphen";
        }
        if (!HAS_LETTER.matcher(name).matches()) {
            return "must contain at least one letter (a-z)";
        }
        return null;
    }

    private static void nonNegative(String field, Integer value, Causes causes) {
        if (value != null && value < 0) {
            causes.invalid(field, value, WorkloadRules.NON_NEGATIVE);
        }
    }
}

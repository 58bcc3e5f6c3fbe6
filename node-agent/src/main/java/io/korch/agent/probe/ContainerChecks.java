package io.korch.agent.probe;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ExecResult;
import io.korch.api.Container;
import io.korch.api.ContainerPort;
import io.korch.api.ExecAction;
import io.korch.api.GRPCAction;
import io.korch.api.HTTPGetAction;
import io.korch.api.HTTPHeader;
import io.korch.api.LifecycleHandler;
import io.korch.api.Probe;
import io.korch.api.TCPSocketAction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Carries out the checks of probes and lifecycle hooks against one container: {@code exec} runs the command
 * inside it ({@link ContainerRuntime#execCapture}), {@code httpGet} sends a GET (success: status 200 to 399),
 * {@code tcpSocket} connects, {@code grpc} calls {@code grpc.health.v1.Health/Check} ({@link GrpcHealthCheck}),
 * {@code sleep} waits. Hosts are the container's own address unless the action names a loopback one; any
 * other host is refused ({@link ProbeTargets}). Outputs are worded as kubelet words them. Thread-safe.
 */
public final class ContainerChecks {

    /** What probe requests call themselves, as kubelet's do. */
    static final String USER_AGENT = "kube-probe/1.31";
    /** The most of a response body or command output kept as a probe's output. */
    static final int MAX_OUTPUT = 10 * 1024;

    private final ContainerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public ContainerChecks(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Tries {@code probe} once against the container {@code id} of {@code container}. */
    public ProbeOutcome probe(Probe probe, Container container, String id, Duration timeout) {
        if (probe.getGrpc() != null) {
            return grpc(probe.getGrpc(), id, timeout);
        }
        return handle(probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), container, id, timeout,
                "missing probe handler");
    }

    /** Runs the lifecycle hook {@code handler}, for at most {@code timeout}. */
    public ProbeOutcome hook(LifecycleHandler handler, Container container, String id, Duration timeout) {
        if (handler.getSleep() != null) {
            return sleep(Duration.ofSeconds(Math.max(0, handler.getSleep().getSeconds())), timeout);
        }
        return handle(handler.getExec(), handler.getHttpGet(), handler.getTcpSocket(), container, id, timeout,
                "missing lifecycle handler");
    }

    /** The handlers probes and hooks share: whichever of them is set. */
    private ProbeOutcome handle(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, Container container,
                                String id, Duration timeout, String missing) {
        if (exec != null) {
            return exec(exec, id, timeout);
        }
        if (httpGet != null) {
            return httpGet(httpGet, container, id, timeout);
        }
        if (tcpSocket != null) {
            return tcpSocket(tcpSocket, container, id, timeout);
        }
        return ProbeOutcome.error(missing);
    }

    private ProbeOutcome exec(ExecAction action, String id, Duration timeout) {
        ExecResult result;
        try {
            result = runtime.execCapture(id, action.getCommand(), timeout);
        } catch (RuntimeException e) {
            return ProbeOutcome.error(message(e));
        }
        if (result.timedOut()) {
            return ProbeOutcome.failure("command \"" + String.join(" ", action.getCommand()) + "\" timed out");
        }
        String output = cut(result.output());
        return result.exitCode() == 0 ? ProbeOutcome.success(output) : ProbeOutcome.failure(output);
    }

    private ProbeOutcome httpGet(HTTPGetAction action, Container container, String id, Duration timeout) {
        String address = address(action.getHost(), id);
        if (address == null) {
            return ProbeOutcome.failure(ProbeTargets.refusal(action.getHost()));
        }
        int port;
        try {
            port = port(action.getPort(), container);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.error(e.getMessage());
        }
        String scheme = action.getScheme() == null ? "HTTP" : action.getScheme();
        if (!"HTTP".equalsIgnoreCase(scheme)) {
            return ProbeOutcome.failure("probe scheme " + scheme + " is not supported: use HTTP");
        }
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String host = address.contains(":") ? "[" + address + "]" : address;
        String url = "http://" + host + ":" + port + path;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "*/*");
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.error("invalid probe URL " + url + ": " + e.getMessage());
        }
        for (HTTPHeader header : action.getHttpHeaders()) {
            try {
                request.setHeader(header.getName(), header.getValue());
            } catch (IllegalArgumentException e) {
                // a header the client sets itself (Host, Connection...) stays as the client sets it
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = cut(new String(response.body(), StandardCharsets.UTF_8));
            int status = response.statusCode();
            return status >= 200 && status < 400 ? ProbeOutcome.success(body)
                    : ProbeOutcome.failure("HTTP probe failed with statuscode: " + status);
        } catch (HttpTimeoutException e) {
            return ProbeOutcome.failure("Get \"" + url
                    + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        } catch (ConnectException e) {
            return ProbeOutcome.failure("Get \"" + url + "\": dial tcp " + host + ":" + port
                    + ": connect: connection refused");
        } catch (IOException e) {
            return ProbeOutcome.failure("Get \"" + url + "\": " + message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.error("probe interrupted");
        }
    }

    private ProbeOutcome tcpSocket(TCPSocketAction action, Container container, String id, Duration timeout) {
        String address = address(action.getHost(), id);
        if (address == null) {
            return ProbeOutcome.failure(ProbeTargets.refusal(action.getHost()));
        }
        int port;
        try {
            port = port(action.getPort(), container);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.error(e.getMessage());
        }
        String target = (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeOutcome.success("");
        } catch (SocketTimeoutException e) {
            return ProbeOutcome.failure("dial tcp " + target + ": i/o timeout");
        } catch (ConnectException e) {
            return ProbeOutcome.failure("dial tcp " + target + ": connect: connection refused");
        } catch (IOException e) {
            return ProbeOutcome.failure("dial tcp " + target + ": " + message(e));
        }
    }

    private ProbeOutcome grpc(GRPCAction action, String id, Duration timeout) {
        String address = address(null, id);
        if (address == null) {
            return ProbeOutcome.error("the container has no address");
        }
        return GrpcHealthCheck.check(address, action.getPort(), action.getService(), timeout);
    }

    private static ProbeOutcome sleep(Duration duration, Duration timeout) {
        try {
            Thread.sleep(Math.min(duration.toMillis(), timeout.toMillis()));
            return ProbeOutcome.success("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.error("sleep interrupted");
        }
    }

    /** The address to dial for {@code host}, or null when it is refused or the container has none. */
    private String address(String host, String id) {
        String own = null;
        if (host == null || host.isEmpty() || !host.startsWith("127.")) {
            try {
                own = runtime.address(id).orElse(null);
            } catch (RuntimeException e) {
                own = null;
            }
        }
        return ProbeTargets.resolve(host, own).orElse(null);
    }

    /** A port given by number or by the name of one of the container's ports. */
    static int port(String port, Container container) {
        if (port == null || port.isEmpty()) {
            throw new IllegalArgumentException("probe has no port");
        }
        if (port.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("invalid port number: " + number);
            }
            return number;
        }
        for (ContainerPort declared : container.getPorts()) {
            if (port.equals(declared.getName())) {
                return declared.getContainerPort();
            }
        }
        throw new IllegalArgumentException("couldn't find port: " + port + " in " + Arrays.toString(
                container.getPorts().stream().map(ContainerPort::getName).toArray()));
    }

    private static String cut(String text) {
        return text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

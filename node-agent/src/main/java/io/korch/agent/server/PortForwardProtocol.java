package io.korch.agent.server;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kubernetes' WebSocket protocol of port-forward ({@code v4.channel.k8s.io}, as the kubelet serves it), shared by
 * the agent that serves it and the CLI that speaks it. The ports come as {@code ?ports=8080&ports=9090} (or
 * {@code ports=8080,9090}); the n-th port has data channel {@code 2n} and error channel {@code 2n+1}, and the
 * first message the server sends on each channel carries the port as two little-endian bytes. Every message
 * starts with its channel's byte. The server writes a failure to forward (a refused connection) as text on the
 * error channel; the WebSocket closes once every port's connection ended. One WebSocket carries one connection per
 * port, so a client opens a new one for every local connection.
 *
 * <p>korch's agent also takes v5's close signal ({@code 255}, then the data channel) as the client's end of
 * writing, which it passes on as a half-close of the connection to the pod. Pure.
 */
public final class PortForwardProtocol {

    /** The subprotocol served: Kubernetes' binary channel protocol, as the kubelet serves port-forward over it. */
    public static final String V4 = ChannelProtocol.V4;
    /** The query parameter naming the ports. */
    public static final String PORTS = "ports";
    /** The first byte of the signal that the client finished writing on a data channel. */
    public static final byte CLOSE = ChannelProtocol.CLOSE;

    private PortForwardProtocol() {
    }

    /** The data channel of the {@code index}-th port. */
    public static int dataChannel(int index) {
        return 2 * index;
    }

    /** The error channel of the {@code index}-th port. */
    public static int errorChannel(int index) {
        return 2 * index + 1;
    }

    /** The first message of {@code channel}: the port as two little-endian bytes. */
    public static byte[] portMessage(int channel, int port) {
        return new byte[] {(byte) channel, (byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
    }

    /** A message of {@code channel} carrying {@code data}. */
    public static byte[] frame(int channel, byte[] data) {
        return ChannelProtocol.frame((byte) channel, data);
    }

    /** The client's signal that it wrote all it will on {@code channel}. */
    public static byte[] closeSignal(int channel) {
        return new byte[] {CLOSE, (byte) channel};
    }

    /** The port carried by the data of a channel's first message (after its channel byte), or -1 if it is short. */
    public static int port(byte[] data) {
        return data.length < 2 ? -1 : (data[0] & 0xff) | (data[1] & 0xff) << 8;
    }

    /**
     * The ports of a request's {@code ports} parameters, as the kubelet reads them.
     *
     * @throws IllegalArgumentException with the kubelet's words when none is given or one does not parse
     */
    public static List<Integer> parsePorts(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("query parameter \"" + PORTS + "\" is required");
        }
        List<Integer> ports = new ArrayList<>();
        for (String value : values) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("query parameter \"" + PORTS + "\" cannot be empty");
            }
            for (String part : value.split(",", -1)) {
                if (!part.matches("[0-9]+")) {
                    throw new IllegalArgumentException("unable to parse \"" + value + "\" as a port: strconv.ParseUint:"
                            + " parsing \"" + part + "\": invalid syntax");
                }
                long port = part.length() > 6 ? Long.MAX_VALUE : Long.parseLong(part);
                if (port > 65535) {
                    throw new IllegalArgumentException("unable to parse \"" + value + "\" as a port: strconv.ParseUint:"
                            + " parsing \"" + part + "\": value out of range");
                }
                if (port < 1) {
                    throw new IllegalArgumentException("port \"" + value + "\" must be > 0");
                }
                ports.add((int) port);
            }
        }
        return List.copyOf(ports);
    }

    /** What goes on a port's error channel when it cannot be forwarded, in the kubelet's words. */
    public static String forwardError(int port, String pod, String uid, String reason) {
        return "error forwarding port " + port + " to pod " + pod + ", uid " + (uid == null ? "" : uid) + ": " + reason;
    }

    /** Why a dial of {@code host:port} failed, worded as Go's net package words it (as the kubelet reports it). */
    public static String dialError(String host, int port, Throwable failure) {
        String cause;
        if (failure instanceof ConnectException && String.valueOf(failure.getMessage()).startsWith("Connection refused")) {
            cause = "connect: connection refused";
        } else if (failure instanceof NoRouteToHostException) {
            cause = "connect: no route to host";
        } else {
            String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            cause = message.toLowerCase().contains("connection refused") ? "connect: connection refused"
                    : message.toLowerCase().contains("timed out") ? "i/o timeout" : message;
        }
        return "dial tcp " + host + ":" + port + ": " + cause;
    }

    /** The data of a message after its channel byte. */
    public static byte[] data(byte[] message) {
        return message.length <= 1 ? new byte[0] : Arrays.copyOfRange(message, 1, message.length);
    }
}

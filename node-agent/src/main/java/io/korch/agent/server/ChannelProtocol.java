package io.korch.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' WebSocket channel protocols of exec ({@code v5.channel.k8s.io}, {@code v4.channel.k8s.io}), shared
 * by the agent that serves them and the CLI that speaks them. Every binary message starts with one byte naming
 * its channel: 0 stdin, 1 stdout, 2 stderr, 3 the final status (a {@code metav1.Status} as JSON), 4 terminal
 * resizes (JSON {@code {"Width":..,"Height":..}}); v5 adds 255, a close signal whose second byte names the channel
 * that its sender finished writing (the client's way of ending stdin). Pure.
 */
public final class ChannelProtocol {

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    /** The protocols served, preferred first. */
    public static final List<String> PROTOCOLS = List.of(V5, V4);

    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte ERROR = 3;
    public static final byte RESIZE = 4;
    public static final byte CLOSE = (byte) 255;

    /** The reason and cause type of the status of a command that exited non-zero, as Kubernetes names them. */
    public static final String NON_ZERO_EXIT_CODE = "NonZeroExitCode";
    public static final String EXIT_CODE_CAUSE = "ExitCode";

    private ChannelProtocol() {
    }

    /** A message of {@code channel} carrying {@code data}. */
    public static byte[] frame(byte channel, byte[] data) {
        byte[] message = new byte[data.length + 1];
        message[0] = channel;
        System.arraycopy(data, 0, message, 1, data.length);
        return message;
    }

    /** The v5 signal that the sender wrote all it will on {@code channel}. */
    public static byte[] closeSignal(byte channel) {
        return new byte[] {CLOSE, channel};
    }

    /** The channel of a received message; -1 for an empty one. */
    public static int channel(byte[] message) {
        return message.length == 0 ? -1 : message[0] & 0xff;
    }

    /** The data of a received message, after its channel byte. */
    public static byte[] data(byte[] message) {
        return message.length <= 1 ? new byte[0] : Arrays.copyOfRange(message, 1, message.length);
    }

    /** The status of a command that exited with {@code exitCode}: Success for 0, else NonZeroExitCode. */
    public static byte[] exitStatus(int exitCode) {
        ObjectNode status = status();
        if (exitCode == 0) {
            status.put("status", "Success");
        } else {
            status.put("status", "Failure");
            status.put("message", "command terminated with non-zero exit code: exit status " + exitCode);
            status.put("reason", NON_ZERO_EXIT_CODE);
            ObjectNode cause = status.putObject("details").putArray("causes").addObject();
            cause.put("reason", EXIT_CODE_CAUSE);
            cause.put("message", Integer.toString(exitCode));
        }
        return bytes(status);
    }

    /** The status of a command that could not be run or whose streams broke. */
    public static byte[] failureStatus(String message) {
        ObjectNode status = status();
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "InternalError");
        status.put("code", 500);
        return bytes(status);
    }

    /**
     * What a received status means for the caller: the command's exit code (0 for Success), or an
     * {@link ExecFailure} with the status's message when it failed otherwise.
     */
    public static int exitCodeOf(byte[] statusJson) throws ExecFailure {
        JsonNode status;
        try {
            status = ApiJson.MAPPER.readTree(statusJson);
        } catch (IOException e) {
            throw new ExecFailure("error stream protocol error: " + e.getMessage() + " in \""
                    + new String(statusJson, StandardCharsets.UTF_8) + "\"");
        }
        if ("Success".equals(status.path("status").asText())) {
            return 0;
        }
        if (NON_ZERO_EXIT_CODE.equals(status.path("reason").asText())) {
            for (JsonNode cause : status.path("details").path("causes")) {
                if (EXIT_CODE_CAUSE.equals(cause.path("reason").asText())) {
                    try {
                        return Integer.parseInt(cause.path("message").asText());
                    } catch (NumberFormatException e) {
                        throw new ExecFailure("error stream protocol error: invalid exit code value \""
                                + cause.path("message").asText() + "\"");
                    }
                }
            }
            throw new ExecFailure("error stream protocol error: no ExitCode cause given");
        }
        throw new ExecFailure(status.path("message").asText("error stream protocol error: unknown error"));
    }

    /** A terminal size: the JSON of a resize message. */
    public static byte[] resize(int width, int height) {
        ObjectNode size = ApiJson.MAPPER.createObjectNode();
        size.put("Width", width);
        size.put("Height", height);
        return bytes(size);
    }

    /** The width and height of a resize message, or empty when it is not one. */
    public static Optional<int[]> parseResize(byte[] json) {
        try {
            JsonNode size = ApiJson.MAPPER.readTree(json);
            if (size == null || !size.path("Width").canConvertToInt() || !size.path("Height").canConvertToInt()) {
                return Optional.empty();
            }
            return Optional.of(new int[] {size.path("Width").asInt(), size.path("Height").asInt()});
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode status() {
        ObjectNode status = ApiJson.MAPPER.createObjectNode();
        status.putObject("metadata");
        return status;
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return ApiJson.MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A command that did not exit by itself: it could not be run, or its session broke. */
    public static final class ExecFailure extends Exception {
        public ExecFailure(String message) {
            super(message);
        }
    }
}

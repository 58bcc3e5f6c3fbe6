package io.korch.agent.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code grpc} probe: one {@code grpc.health.v1.Health/Check} call over HTTP/2 cleartext with prior
 * knowledge, on a socket of its own. The call is small enough to write by hand: the request headers are
 * HPACK literals, the request and response messages one protobuf field each. Response headers are not
 * decoded; the answer is the {@code status} field of the response message ({@code SERVING} passes).
 */
final class GrpcHealthCheck {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PADDED = 0x8;
    private static final String[] STATUSES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

    private GrpcHealthCheck() {
    }

    static ProbeOutcome check(String address, int port, String service, Duration timeout) {
        String target = (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            frame(out, SETTINGS, 0, 0, new byte[0]);
            frame(out, HEADERS, END_HEADERS, 1, headers(target));
            frame(out, DATA, END_STREAM, 1, message(service == null ? "" : service));
            out.flush();
            return read(new DataInputStream(socket.getInputStream()), out, deadline);
        } catch (SocketTimeoutException e) {
            return ProbeOutcome.failure("timeout: failed to connect service \"" + target + "\" within "
                    + timeout.toSeconds() + "s");
        } catch (IOException e) {
            return ProbeOutcome.failure("error: failed to connect service at \"" + target + "\": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static ProbeOutcome read(DataInputStream in, OutputStream out, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (System.nanoTime() < deadline) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (type == SETTINGS && (flags & 0x1) == 0) {
                frame(out, SETTINGS, 0x1, 0, new byte[0]);
                out.flush();
            } else if (type == PING && (flags & 0x1) == 0) {
                frame(out, PING, 0x1, 0, payload);
                out.flush();
            } else if (type == GOAWAY || (type == RST_STREAM && stream == 1)) {
                return ProbeOutcome.failure("error: health rpc failed: stream closed by the server");
            } else if (type == DATA && stream == 1) {
                int padding = (flags & PADDED) != 0 && length > 0 ? payload[0] & 0xff : 0;
                int start = (flags & PADDED) != 0 ? 1 : 0;
                body.write(payload, start, Math.max(0, length - start - padding));
            }
            if (stream == 1 && (type == DATA || type == HEADERS) && (flags & END_STREAM) != 0) {
                return answer(body.toByteArray());
            }
        }
        throw new SocketTimeoutException("no answer in time");
    }

    private static ProbeOutcome answer(byte[] body) {
        if (body.length < 5) {
            return ProbeOutcome.failure("error: health rpc failed: no response message");
        }
        int status = 0; // proto3 default UNKNOWN when the field is absent
        for (int i = 5; i < body.length; ) {
            int tag = body[i++] & 0xff;
            if (tag == 0x08) {
                int value = 0;
                int shift = 0;
                while (i < body.length) {
                    int b = body[i++] & 0xff;
                    value |= (b & 0x7f) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                status = value;
            } else {
                break; // the response has no other field
            }
        }
        if (status == 1) {
            return ProbeOutcome.success("service is serving");
        }
        String name = status >= 0 && status < STATUSES.length ? STATUSES[status] : Integer.toString(status);
        return ProbeOutcome.failure("service unhealthy (responded with \"" + name + "\")");
    }

    /** The request headers, each an HPACK literal without indexing and with a literal name. */
    private static byte[] headers(String authority) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        literal(block, ":method", "POST");
        literal(block, ":scheme", "http");
        literal(block, ":path", "/grpc.health.v1.Health/Check");
        literal(block, ":authority", authority);
        literal(block, "content-type", "application/grpc");
        literal(block, "te", "trailers");
        literal(block, "user-agent", ContainerChecks.USER_AGENT);
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        string(block, name.getBytes(StandardCharsets.US_ASCII));
        string(block, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An HPACK string without Huffman coding: a 7-bit prefixed length, then the bytes. */
    private static void string(ByteArrayOutputStream block, byte[] bytes) {
        int length = bytes.length;
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            length -= 127;
            while (length >= 128) {
                block.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            block.write(length);
        }
        block.writeBytes(bytes);
    }

    /** A length-prefixed gRPC message holding a HealthCheckRequest with its {@code service} field. */
    private static byte[] message(String service) {
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        if (name.length > 0) {
            proto.write(0x0a);
            int length = name.length;
            while (length >= 128) {
                proto.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            proto.write(length);
            proto.writeBytes(name);
        }
        byte[] payload = proto.toByteArray();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(0);
        message.write(payload.length >>> 24);
        message.write(payload.length >>> 16);
        message.write(payload.length >>> 8);
        message.write(payload.length);
        message.writeBytes(payload);
        return message.toByteArray();
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] header = {
            (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags,
            (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
        out.write(header);
        out.write(payload);
    }
}

package io.korch.gateway.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf messages field by field, for building the bodies Kubernetes clients send. */
final class Proto {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A Kubernetes protobuf body: the magic and a runtime.Unknown around {@code object}. */
    static byte[] envelope(String apiVersion, String kind, Proto object) {
        Proto unknown = new Proto()
                .message(1, new Proto().string(1, apiVersion).string(2, kind))
                .bytes(2, object.toBytes())
                .string(3, "")
                .string(4, "");
        byte[] message = unknown.toBytes();
        byte[] body = new byte[message.length + 4];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(message, 0, body, 4, message.length);
        return body;
    }

    Proto varint(int number, long value) {
        tag(number, 0);
        raw(value);
        return this;
    }

    Proto bool(int number, boolean value) {
        return varint(number, value ? 1 : 0);
    }

    Proto string(int number, String value) {
        return bytes(number, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int number, Proto message) {
        return bytes(number, message.toBytes());
    }

    /** One entry of a {@code map<string,string>}. */
    Proto entry(int number, String key, String value) {
        return message(number, new Proto().string(1, key).string(2, value));
    }

    Proto bytes(int number, byte[] value) {
        tag(number, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int number, int wireType) {
        raw((long) number << 3 | wireType);
    }

    private void raw(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}

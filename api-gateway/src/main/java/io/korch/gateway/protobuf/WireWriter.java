package io.korch.gateway.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a protobuf message field by field in the wire format {@link WireReader} reads: varints
 * and length-delimited values (strings, bytes, nested messages), each after its tag. The caller
 * writes fields in field-number order and leaves zero values out, as protobuf encoders do.
 */
final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter varint(int number, long value) {
        tag(number, WireReader.VARINT);
        raw(value);
        return this;
    }

    WireWriter bool(int number, boolean value) {
        return varint(number, value ? 1 : 0);
    }

    WireWriter string(int number, String value) {
        return bytes(number, value.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter message(int number, WireWriter message) {
        return bytes(number, message.toBytes());
    }

    /** One entry of a {@code map<string,string>}. */
    WireWriter entry(int number, String key, String value) {
        return message(number, new WireWriter().string(1, key).string(2, value));
    }

    WireWriter bytes(int number, byte[] value) {
        tag(number, WireReader.LENGTH_DELIMITED);
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

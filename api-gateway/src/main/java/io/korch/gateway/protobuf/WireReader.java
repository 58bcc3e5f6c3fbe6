package io.korch.gateway.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format from a byte range: tags, varints and length-delimited values.
 * Groups and fixed-width values are refused, as no Kubernetes message korch reads uses them.
 */
final class WireReader {

    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;

    private final byte[] bytes;
    private int position;
    private final int end;

    WireReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.position = from;
        this.end = end;
    }

    WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    boolean atEnd() {
        return position >= end;
    }

    /** The next tag: field number shifted left by three, or'ed with the wire type. */
    int tag() {
        long tag = varint();
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            throw new MalformedProtobufException("invalid field tag " + tag);
        }
        return (int) tag;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new MalformedProtobufException("truncated varint");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtobufException("varint longer than ten bytes");
    }

    /** A reader over the next length-delimited value, which this reader then skips. */
    WireReader delimited() {
        long length = varint();
        if (length < 0 || length > end - position) {
            throw new MalformedProtobufException("length " + length + " runs past the end of the message");
        }
        WireReader inner = new WireReader(bytes, position, position + (int) length);
        position += (int) length;
        return inner;
    }

    /** What is left of this reader's range. */
    byte[] remaining() {
        byte[] rest = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return rest;
    }

    String string() {
        WireReader value = delimited();
        return new String(value.bytes, value.position, value.end - value.position, StandardCharsets.UTF_8);
    }

    /** Skips a value of {@code wireType}, for fields read only to be passed over. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case LENGTH_DELIMITED -> delimited();
            default -> throw new MalformedProtobufException("unsupported wire type " + wireType);
        }
    }
}

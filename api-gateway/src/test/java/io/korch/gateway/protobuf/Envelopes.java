package io.korch.gateway.protobuf;

/** Builds Kubernetes protobuf bodies, as Kubernetes clients send them, around a message. */
final class Envelopes {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private Envelopes() {
    }

    /** A Kubernetes protobuf body: the magic and a runtime.Unknown around {@code object}. */
    static byte[] of(String apiVersion, String kind, WireWriter object) {
        WireWriter unknown = new WireWriter()
                .message(1, new WireWriter().string(1, apiVersion).string(2, kind))
                .bytes(2, object.toBytes())
                .string(3, "")
                .string(4, "");
        byte[] message = unknown.toBytes();
        byte[] body = new byte[message.length + MAGIC.length];
        System.arraycopy(MAGIC, 0, body, 0, MAGIC.length);
        System.arraycopy(message, 0, body, MAGIC.length, message.length);
        return body;
    }
}

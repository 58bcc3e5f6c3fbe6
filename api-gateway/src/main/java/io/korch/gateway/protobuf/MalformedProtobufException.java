package io.korch.gateway.protobuf;

/** A protobuf body korch cannot read: a broken envelope or wire format, or a field its table lacks. */
public final class MalformedProtobufException extends RuntimeException {

    public MalformedProtobufException(String message) {
        super(message);
    }
}

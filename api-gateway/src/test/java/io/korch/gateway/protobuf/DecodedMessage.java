package io.korch.gateway.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protobuf message read with {@link WireReader} into its fields, without a schema, for checking
 * what an encoder wrote: a varint field as a number, a length-delimited one as its bytes, read on
 * demand as a string or as a nested message.
 */
final class DecodedMessage {

    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    private DecodedMessage() {
    }

    static DecodedMessage of(byte[] bytes) {
        DecodedMessage message = new DecodedMessage();
        WireReader reader = new WireReader(bytes);
        while (!reader.atEnd()) {
            int tag = reader.tag();
            Object value = switch (tag & 7) {
                case WireReader.VARINT -> reader.varint();
                case WireReader.LENGTH_DELIMITED -> reader.delimited().remaining();
                default -> throw new AssertionError("unexpected wire type " + (tag & 7));
            };
            message.fields.computeIfAbsent(tag >>> 3, number -> new ArrayList<>()).add(value);
        }
        return message;
    }

    /** The field numbers present, in the order first written. */
    List<Integer> numbers() {
        return List.copyOf(fields.keySet());
    }

    boolean has(int number) {
        return fields.containsKey(number);
    }

    long varint(int number) {
        return (Long) single(number);
    }

    String string(int number) {
        return has(number) ? text((byte[]) single(number)) : "";
    }

    List<String> strings(int number) {
        return fields.getOrDefault(number, List.of()).stream().map(value -> text((byte[]) value)).toList();
    }

    DecodedMessage message(int number) {
        return of((byte[]) single(number));
    }

    List<DecodedMessage> messages(int number) {
        return fields.getOrDefault(number, List.of()).stream().map(value -> of((byte[]) value)).toList();
    }

    /**
     * The repeated {@code Named...} messages of field {@code number} ({@code name} = 1, {@code value} = 2)
     * by name, as gnostic writes maps.
     */
    Map<String, DecodedMessage> named(int number) {
        Map<String, DecodedMessage> byName = new LinkedHashMap<>();
        messages(number).forEach(named -> byName.put(named.string(1), named.message(2)));
        return byName;
    }

    private Object single(int number) {
        List<Object> values = fields.get(number);
        if (values == null || values.size() != 1) {
            throw new AssertionError("field " + number + " appears " + (values == null ? 0 : values.size())
                    + " times in a message with fields " + fields.keySet());
        }
        return values.get(0);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

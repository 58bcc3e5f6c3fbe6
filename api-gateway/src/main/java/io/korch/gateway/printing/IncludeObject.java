package io.korch.gateway.printing;

import io.korch.gateway.resource.ApiError;
import java.util.Arrays;

/**
 * What each row of a Table carries of its object, by the {@code includeObject} query parameter:
 * nothing, its metadata as a {@code PartialObjectMetadata} (the default), or the whole object.
 */
public enum IncludeObject {
    NONE("None"),
    METADATA("Metadata"),
    OBJECT("Object");

    private final String value;

    IncludeObject(String value) {
        this.value = value;
    }

    /**
     * The policy {@code value} names; {@link #METADATA} when absent.
     *
     * @throws ApiError 400 for another value, in the API server's words
     */
    public static IncludeObject parse(String value) {
        if (value == null || value.isEmpty()) {
            return METADATA;
        }
        return Arrays.stream(values())
                .filter(policy -> policy.value.equals(value))
                .findFirst()
                .orElseThrow(() -> ApiError.badRequest("Unable to convert to Table as requested: includeObject:"
                        + " Unsupported value: \"" + value + "\": supported values: \"Metadata\", \"None\", \"Object\""));
    }
}

package io.korch.gateway.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import io.korch.gateway.validation.Causes;
import java.util.List;

/**
 * The errors of a patch, with the codes Kubernetes answers them with: a patch document that
 * cannot be read as its type is a 400 ({@code BadRequest}); a well-formed patch that does not
 * apply to the object — a {@code test} that fails, a path the object does not have — is a 422
 * ({@code Invalid}).
 */
public final class PatchFailure {

    private PatchFailure() {
    }

    /** The patch document is not of its type's form: a 400. */
    public static ApiError malformed(String message) {
        return ApiError.badRequest(message);
    }

    /**
     * The patch is well formed but cannot be applied to the object: a 422 whose one cause, on the
     * field {@code patch} as Kubernetes names it, repeats the message, for the clients that print
     * only the causes of an {@code Invalid} status (kubectl 1.20 among them).
     */
    public static ApiError doesNotApply(String message) {
        return new ApiError(422, "Invalid", message,
                new ApiError.Details(null, null, List.of(new Cause(Causes.INVALID, "patch", message))));
    }

    /** {@code value} as error messages show it: compact JSON. */
    static String show(JsonNode value) {
        return value == null ? "null" : value.toString();
    }
}

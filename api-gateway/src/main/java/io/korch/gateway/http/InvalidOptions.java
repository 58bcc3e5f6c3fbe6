package io.korch.gateway.http;

import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 422 of a request whose options break Kubernetes' rules, worded as the apiserver words it:
 * {@code ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: ...}, with one
 * cause per field at fault.
 */
final class InvalidOptions {

    private InvalidOptions() {
    }

    /** The refusal of options of kind {@code kind} ({@code ListOptions}, {@code DeleteOptions}...) for {@code causes}. */
    static ApiError of(String kind, List<Cause> causes) {
        String listed = causes.size() == 1 ? causes.get(0).describe()
                : causes.stream().map(Cause::describe).collect(Collectors.joining(", ", "[", "]"));
        return new ApiError(422, "Invalid", kind + ".meta.k8s.io \"\" is invalid: " + listed,
                new ApiError.Details(null, kind, List.copyOf(causes)));
    }
}

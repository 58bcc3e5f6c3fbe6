package io.korch.gateway.http;

import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Causes;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads Kubernetes' {@code dryRun} option of a write: {@code dryRun=All} asks that the request be
 * checked as it would be carried out — admission, existence, conflicts, preconditions — and
 * answered with what would have been stored, writing nothing. Absent, the write is carried out.
 * Any other value is refused with the apiserver's 422
 * ({@code CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["x"]: supported values: "All"}).
 */
final class DryRun {

    /** The query parameter, and the field of the options' body, that asks for a dry run. */
    static final String FIELD = "dryRun";
    /** The one value that asks for one. */
    static final String ALL = "All";

    private DryRun() {
    }

    /**
     * Whether the request asks for a dry run in its query.
     *
     * @param optionsKind the kind of the verb's options, named by the refusal: {@code CreateOptions},
     *                    {@code UpdateOptions}, {@code DeleteOptions}, {@code PatchOptions}
     */
    static boolean requested(RoutingContext ctx, String optionsKind) {
        return requested(ctx.queryParam(FIELD), optionsKind);
    }

    /** Whether {@code values}, all the values given, ask for a dry run; refused when one is not {@value #ALL}. */
    static boolean requested(List<String> values, String optionsKind) {
        if (values.stream().allMatch(ALL::equals)) {
            return !values.isEmpty();
        }
        String given = values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
        Causes causes = new Causes().add(Causes.NOT_SUPPORTED, FIELD,
                "Unsupported value: " + given + ": supported values: \"" + ALL + "\"");
        throw ApiError.invalidOptions(optionsKind, causes.list());
    }
}

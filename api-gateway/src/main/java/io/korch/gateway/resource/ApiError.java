package io.korch.gateway.resource;

import io.korch.gateway.validation.Cause;
import io.korch.gateway.validation.Causes;
import io.korch.model.ApiKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request the API refuses, with everything its Kubernetes {@code Status} answer carries: the
 * HTTP code, the reason ({@code NotFound}, {@code Invalid}...), a message for people and, for
 * errors about one object, its name, kind and causes.
 */
public final class ApiError extends RuntimeException {

    private final int code;
    private final String reason;
    private final Details details;

    /**
     * The object an error is about.
     *
     * @param name   the object's name, or null
     * @param kind   the plural resource name: {@code deployments}
     * @param causes the field-level causes; empty when there are none
     */
    public record Details(String name, String kind, List<Cause> causes) {
    }

    public ApiError(int code, String reason, String message, Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The object the error is about, or null. */
    public Details details() {
        return details;
    }

    /** A request that cannot be understood: malformed body, bad query parameter. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null);
    }

    /** The object does not exist. */
    public static ApiError notFound(ApiKind kind, String name) {
        return new ApiError(404, "NotFound", resource(kind) + " \"" + name + "\" not found", details(kind, name));
    }

    /** No resource lives at this path. */
    public static ApiError noSuchPath() {
        return new ApiError(404, "NotFound", "the server could not find the requested resource", null);
    }

    /** The object exists already. */
    public static ApiError alreadyExists(ApiKind kind, String name) {
        return new ApiError(409, "AlreadyExists", resource(kind) + " \"" + name + "\" already exists",
                details(kind, name));
    }

    /** The object cannot be changed as asked, e.g. a stale resourceVersion. */
    public static ApiError conflict(ApiKind kind, String name, String detail) {
        return new ApiError(409, "Conflict",
                "Operation cannot be fulfilled on " + resource(kind) + " \"" + name + "\": " + detail,
                details(kind, name));
    }

    /**
     * The 422 of a request whose options break Kubernetes' rules, worded as the apiserver words it:
     * {@code ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: ...}, with one
     * cause per field at fault.
     *
     * @param kind the options' kind: {@code ListOptions}, {@code DeleteOptions}, {@code PatchOptions}...
     */
    public static ApiError invalidOptions(String kind, List<Cause> causes) {
        String listed = causes.size() == 1 ? causes.get(0).describe()
                : causes.stream().map(Cause::describe).collect(Collectors.joining(", ", "[", "]"));
        return new ApiError(422, "Invalid", kind + ".meta.k8s.io \"\" is invalid: " + listed,
                new Details(null, kind, List.copyOf(causes)));
    }

    /** The object breaks validation rules; the message lists every cause as Kubernetes does. */
    public static ApiError invalid(ApiKind kind, String name, List<Cause> causes) {
        String listed = causes.size() == 1 ? causes.get(0).describe()
                : causes.stream().map(Cause::describe).collect(Collectors.joining(", ", "[", "]"));
        String shownName = name == null ? "" : name;
        return new ApiError(422, "Invalid", qualifiedKind(kind) + " \"" + shownName + "\" is invalid: " + listed,
                new Details(name, kind.plural(), List.copyOf(causes)));
    }

    /** The object is controlled by another one and must be changed through it. */
    public static ApiError controlled(ApiKind kind, String name, String message) {
        return new ApiError(422, "Invalid", message, new Details(name, kind.plural(),
                List.of(new Cause(Causes.FORBIDDEN, "metadata.ownerReferences", message))));
    }

    /** The request is understood but never allowed, e.g. deleting the default namespace. */
    public static ApiError forbidden(ApiKind kind, String name, String detail) {
        return new ApiError(403, "Forbidden", resource(kind) + " \"" + name + "\" is forbidden: " + detail,
                details(kind, name));
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "MethodNotAllowed", message, null);
    }

    public static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format: "
                + contentType + "; send application/json, application/yaml or application/vnd.kubernetes.protobuf",
                null);
    }

    public static ApiError tooLarge(long limitBytes) {
        return new ApiError(413, "RequestEntityTooLarge",
                "the request body is larger than the limit of " + limitBytes + " bytes", null);
    }

    /**
     * The gateway cannot answer now — Kafka did not take the write in time, or the gateway's view
     * does not follow Kafka — and nothing the client can fix but retrying.
     */
    public static ApiError unavailable(String message) {
        return new ApiError(503, "ServiceUnavailable", message, null);
    }

    /** The request was taken but not carried out in time; it may yet be, so the client checks before retrying. */
    public static ApiError timeout(String message) {
        return new ApiError(504, "Timeout", message, null);
    }

    /** A resourceVersion older than the change log still holds: the client lists again. */
    public static ApiError expired(String message) {
        return new ApiError(410, "Expired", message, null);
    }

    /** A client's resource version that is not one korch hands out. */
    public static ApiError invalidResourceVersion(String resourceVersion) {
        return badRequest("resourceVersion \"" + resourceVersion + "\" is not a korch resource version: "
                + "it is a decimal number taken from an object or a list");
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "InternalError", message, null);
    }

    /** The resource as error messages name it: {@code pods}, {@code deployments.apps}. */
    public static String resource(ApiKind kind) {
        return kind.plural() + group(kind);
    }

    /** The kind as invalid-object messages name it: {@code Pod}, {@code Deployment.apps}. */
    public static String qualifiedKind(ApiKind kind) {
        return kind.kind() + group(kind);
    }

    private static String group(ApiKind kind) {
        int slash = kind.apiVersion().indexOf('/');
        return slash < 0 ? "" : "." + kind.apiVersion().substring(0, slash);
    }

    private static Details details(ApiKind kind, String name) {
        return new Details(name, kind.plural(), List.of());
    }
}

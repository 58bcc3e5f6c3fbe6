package io.korch.gateway.metrics;

import io.korch.model.ApiKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API request asks, as kube-apiserver's request info tells it: the Kubernetes verb
 * ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
 * {@code delete}, {@code deletecollection}, or {@code connect} for exec, attach and port-forward),
 * the resource and the subresource; the labels of the gateway's request meters.
 *
 * <p>The resource is one the gateway serves (a kind's plural, or {@code events}) and the
 * subresource one of its few subresources; anything else — a non-resource path such as
 * {@code /api} or {@code /version}, a mistyped resource — is the empty string, so that the meters
 * have a bounded number of series whatever paths clients ask for.
 *
 * @param verb        the Kubernetes verb; for a non-resource path, the method in lower case
 * @param resource    the resource, or empty
 * @param subresource the subresource, or empty
 */
public record ApiRequest(String verb, String resource, String subresource) {

    private static final Set<String> RESOURCES = Arrays.stream(ApiKind.values()).map(ApiKind::plural)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> SUBRESOURCES = Set.of("status", "finalize", "scale", "log", "exec",
            "attach", "portforward", "binding", "eviction", "history");
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    private static final Set<String> CONNECT = Set.of("exec", "attach", "portforward");

    /**
     * Reads a request.
     *
     * @param method the HTTP method
     * @param path   the request's path, without the query
     * @param watch  whether the query asks to watch ({@code watch=true} or {@code watch=1})
     */
    public static ApiRequest of(String method, String path, boolean watch) {
        String lower = method.toLowerCase(Locale.ROOT);
        String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int first;
        if (segments.length >= 2 && segments[0].equals("api")) {
            first = 2;
        } else if (segments.length >= 3 && segments[0].equals("apis")) {
            first = 3;
        } else {
            return new ApiRequest(lower, "", "");
        }
        String[] rest = Arrays.copyOfRange(segments, first, segments.length);
        if (rest.length > 0 && rest[0].equals("watch")) {
            watch = true;
            rest = Arrays.copyOfRange(rest, 1, rest.length);
        }
        // namespaces/NAME/pods is the pods of NAME, but namespaces/NAME/status the namespace's status
        if (rest.length >= 3 && rest[0].equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(rest[2])) {
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        if (rest.length == 0 || !RESOURCES.contains(rest[0])) {
            return new ApiRequest(lower, "", "");
        }
        boolean named = rest.length >= 2;
        String subresource = rest.length >= 3 && SUBRESOURCES.contains(rest[2]) ? rest[2] : "";
        return new ApiRequest(verb(lower, named, watch, subresource), rest[0], subresource);
    }

    /** Whether the request lasts as long as its client wants (a watch, an exec): no latency to speak of. */
    public boolean longRunning() {
        return verb.equals("watch") || verb.equals("connect");
    }

    private static String verb(String method, boolean named, boolean watch, String subresource) {
        if (CONNECT.contains(subresource)) {
            return "connect";
        }
        return switch (method) {
            case "get" -> watch ? "watch" : named ? "get" : "list";
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> named ? "delete" : "deletecollection";
            default -> method;
        };
    }
}

package io.korch.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A small JSON client of the korch REST API over {@code java.net.http}.
 *
 * <p>Each call sends one request and returns the parsed JSON answer. A non-2xx answer becomes an
 * {@link ApiException} carrying the Kubernetes {@code Status} the server sent (or a reason derived
 * from the HTTP code when the body is not a Status); a server that cannot be reached becomes an
 * {@link ApiUnreachableException}. {@link #stream} reads a long answer, a watch, line by line.
 * Instances are immutable and thread-safe.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String JSON = "application/json";

    private final String server;
    private final HttpClient http;

    /**
     * A client of the API at {@code server}, e.g. {@code http://127.0.0.1:8080}.
     *
     * @throws IllegalArgumentException when {@code server} is not an http(s) URL
     */
    public ApiClient(String server) {
        this.server = normalize(server);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The base URL requests go to, without a trailing slash. */
    public String server() {
        return server;
    }

    /** GETs {@code path} (which may carry a query). */
    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    /** GETs {@code path}, or empty when the server answers 404. */
    public Optional<JsonNode> find(String path) {
        try {
            return Optional.of(get(path));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * GETs {@code path} and hands each non-blank line of the answer to {@code onLine}, on the
     * calling thread, as it arrives, until the server ends the answer. No request timeout applies:
     * this is for watches, which last as long as the server keeps them open. An exception thrown
     * by {@code onLine} cancels the request and propagates.
     *
     * @throws ApiException            when the server refuses the request
     * @throws ApiUnreachableException when the server cannot be reached or the connection breaks
     * @throws InterruptedException    when the calling thread is interrupted; the request is cancelled
     */
    public void stream(String path, Consumer<String> onLine) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + path)).header("Accept", JSON).GET().build();
        LineQueue lines = new LineQueue();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.fromSubscriber(lines, ignored -> "")
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
        answer.whenComplete((response, error) -> {
            if (error != null || response.statusCode() / 100 != 2) {
                lines.end();
            }
        });
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    onLine.accept(line);
                }
            }
            HttpResponse<String> response = answer.get();
            if (response.statusCode() / 100 != 2) {
                throw error(response.statusCode(), response.body());
            }
        } catch (IOException e) {
            throw new ApiUnreachableException(server, describe(e), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ApiUnreachableException(server, cause instanceof IOException io ? describe(io) : String.valueOf(cause), cause);
        } finally {
            lines.cancel();
            answer.cancel(true);
        }
    }

    /** POSTs {@code body} as JSON to {@code path}: creates an object. */
    public JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", JSON).POST(bodyOf(body)));
    }

    /** PUTs {@code body} as JSON to {@code path}: replaces an object. */
    public JsonNode put(String path, JsonNode body) {
        return send(request(path).header("Content-Type", JSON).PUT(bodyOf(body)));
    }

    /**
     * PATCHes the object at {@code path} with {@code patch}, of {@code contentType}
     * ({@code application/merge-patch+json}, {@code application/json-patch+json}, ...).
     */
    public JsonNode patch(String path, JsonNode patch, String contentType) {
        return send(request(path).header("Content-Type", contentType).method("PATCH", bodyOf(patch)));
    }

    /** DELETEs the object at {@code path}; returns the server's answer (the object's last state). */
    public JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /** {@code path} with the non-null {@code params} appended as a URL-encoded query. */
    public static String withQuery(String path, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((key, value) -> {
            if (value != null) {
                query.add(encode(key) + "=" + encode(value));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON);
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException(server, "interrupted", e);
        } catch (IOException e) {
            throw new ApiUnreachableException(server, describe(e), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        try {
            return ApiJson.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(response.statusCode(), "InternalError",
                    "the server answered with malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The error a non-2xx answer stands for, from its Status body when it has one. */
    static ApiException error(int code, String body) {
        String reason = null;
        String message = null;
        try {
            JsonNode status = ApiJson.MAPPER.readTree(body);
            if (status != null && status.isObject()) {
                reason = text(status, "reason");
                message = text(status, "message");
            }
        } catch (JsonProcessingException e) {
            message = body == null || body.isBlank() ? null : body.strip();
        }
        if (reason == null) {
            reason = reasonForCode(code);
        }
        if (message == null) {
            message = "the server answered HTTP " + code;
        }
        return new ApiException(code, reason, message);
    }

    /** The Kubernetes Status reason of an HTTP code, for answers that carry none. */
    static String reasonForCode(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static HttpRequest.BodyPublisher bodyOf(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofString(ApiJson.MAPPER.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize request body", e);
        }
    }

    private static String normalize(String server) {
        String trimmed = server == null ? "" : server.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid server URL \"" + server + "\": expected http://HOST:PORT", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("invalid server URL \"" + server + "\": expected http://HOST:PORT");
        }
        return trimmed;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

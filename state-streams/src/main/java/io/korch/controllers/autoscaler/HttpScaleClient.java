package io.korch.controllers.autoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.api.CrossVersionObjectReference;
import io.korch.json.ApiJson;
import io.korch.model.ApiKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A {@link ScaleClient} talking to the API gateway over HTTP, as Kubernetes' autoscaler does: a
 * GET of the target's {@code scale} subresource
 * ({@code /apis/apps/v1/namespaces/NS/deployments/NAME/scale}, or {@code replicasets}) for its
 * replicas and selector, and a merge patch of its {@code spec.replicas}. Each call is bounded by a
 * short timeout, so a gateway that does not answer delays one sync by seconds, not the controller.
 */
public final class HttpScaleClient implements ScaleClient {

    /** How long one scale call may take, connecting included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The kinds served with a scale subresource. */
    private static final List<ApiKind> SCALABLE = List.of(ApiKind.DEPLOYMENT, ApiKind.REPLICASET);

    private final URI server;
    private final HttpClient http;

    public HttpScaleClient(URI server) {
        this.server = server;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Scale get(String namespace, CrossVersionObjectReference target) throws ScaleException {
        JsonNode scale = send(HttpRequest.newBuilder(uri(namespace, target)).GET());
        JsonNode replicas = scale.path("spec").path("replicas");
        return new Scale(replicas.isInt() ? replicas.intValue() : 0, scale.path("status").path("selector").asText(""));
    }

    @Override
    public void scale(String namespace, CrossVersionObjectReference target, int replicas) throws ScaleException {
        send(HttpRequest.newBuilder(uri(namespace, target))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":" + replicas + "}}")));
    }

    /** The scale subresource of {@code target}, if its kind has one. */
    private URI uri(String namespace, CrossVersionObjectReference target) throws ScaleException {
        String apiVersion = target.getApiVersion() == null ? "apps/v1" : target.getApiVersion();
        ApiKind kind = SCALABLE.stream()
                .filter(k -> k.kind().equals(target.getKind()) && k.apiVersion().equals(apiVersion))
                .findFirst()
                .orElseThrow(() -> new ScaleException("no matches for kind \"" + target.getKind() + "\" in group \""
                        + (apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "") + "\""));
        return server.resolve(kind.objectPath(namespace, target.getName()) + "/scale");
    }

    private JsonNode send(HttpRequest.Builder request) throws ScaleException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT)
                    .header("Accept", "application/json")
                    .header("User-Agent", "horizontal-pod-autoscaler")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ScaleException("the API server at " + server + " did not answer within " + TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            throw new ScaleException("cannot reach the API server at " + server + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleException("interrupted while calling the API server");
        }
        JsonNode body;
        try {
            body = ApiJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = ApiJson.MAPPER.missingNode();
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode message = body.path("message");
            throw new ScaleException(message.isTextual() ? message.textValue()
                    : "the API server answered " + response.statusCode());
        }
        return body;
    }
}

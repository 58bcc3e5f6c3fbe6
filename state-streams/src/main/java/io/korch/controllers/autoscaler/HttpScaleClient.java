package io.korch.controllers.autoscaler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ScaleClient} talking to the API gateway over HTTP, as Kubernetes' autoscaler does: a
 * merge patch of {@code spec.replicas} on
 * {@code /apis/apps/v1/namespaces/NS/deployments/NAME/scale}. Each call is bounded by a short
 * timeout, so a gateway that does not answer delays one sync by seconds, not the controller.
 */
public final class HttpScaleClient implements ScaleClient {

    /** How long one scale call may take, connecting included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI server;
    private final HttpClient http;

    public HttpScaleClient(URI server) {
        this.server = server;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public void scale(String namespace, String name, int replicas) throws ScaleException {
        URI uri = server.resolve("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name + "/scale");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/merge-patch+json")
                .header("Accept", "application/json")
                .header("User-Agent", "horizontal-pod-autoscaler")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":" + replicas + "}}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ScaleException("the API server at " + server + " did not answer within " + TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            throw new ScaleException("cannot reach the API server at " + server + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleException("interrupted while setting the scale");
        }
        if (response.statusCode() / 100 != 2) {
            Matcher message = MESSAGE.matcher(response.body());
            throw new ScaleException(message.find() ? message.group(1).replace("\\\"", "\"")
                    : "the API server answered " + response.statusCode());
        }
    }
}

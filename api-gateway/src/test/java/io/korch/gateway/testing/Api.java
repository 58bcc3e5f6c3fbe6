package io.korch.gateway.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;

/** Calls the gateway over real HTTP with a Vert.x {@link WebClient}, one blocking call per request. */
public final class Api {

    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";

    /** Where the pods, Deployments and ReplicaSets of namespace {@code default} are, the namespaces and the nodes. */
    public static final String PODS = "/api/v1/namespaces/default/pods";
    public static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    public static final String REPLICASETS = "/apis/apps/v1/namespaces/default/replicasets";
    public static final String NAMESPACES = "/api/v1/namespaces";
    public static final String NODES = "/api/v1/nodes";

    private final WebClient client;
    private final String url;

    public Api(WebClient client, String url) {
        this.client = client;
        this.url = url;
    }

    /** An answer: code, content type and body. */
    public record Response(int code, String contentType, String body) {

        /** The body parsed as JSON, or as YAML when it came as YAML. */
        public JsonNode json() {
            if (YAML.equals(contentType)) {
                return Manifests.parseOne(body);
            }
            try {
                return ApiJson.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** A text field of the body by JSON pointer, e.g. {@code /status/phase}. */
        public String at(String pointer) {
            return json().at(pointer).asText();
        }
    }

    public Response get(String path) {
        return send(HttpMethod.GET, path, JSON, null, null);
    }

    public Response getYaml(String path) {
        return send(HttpMethod.GET, path, YAML, null, null);
    }

    public Response delete(String path) {
        return send(HttpMethod.DELETE, path, JSON, null, null);
    }

    /** POSTs {@code object} as JSON. */
    public Response post(String path, SpecificRecord object) {
        return send(HttpMethod.POST, path, JSON, JSON, json(object));
    }

    /** PUTs {@code object} as JSON. */
    public Response put(String path, SpecificRecord object) {
        return send(HttpMethod.PUT, path, JSON, JSON, json(object));
    }

    /** POSTs {@code object} as YAML and asks for YAML back. */
    public Response postYaml(String path, SpecificRecord object) {
        return send(HttpMethod.POST, path, YAML, YAML, yaml(object));
    }

    /** PUTs {@code object} as YAML and asks for YAML back. */
    public Response putYaml(String path, SpecificRecord object) {
        return send(HttpMethod.PUT, path, YAML, YAML, yaml(object));
    }

    /** Sends any body with any content type. */
    public Response send(HttpMethod method, String path, String accept, String contentType, String body) {
        HttpRequest<Buffer> request = client.requestAbs(method, url + path).putHeader("Accept", accept);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        try {
            HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
                    .await(30, TimeUnit.SECONDS);
            String type = response.getHeader("Content-Type");
            return new Response(response.statusCode(), type, response.bodyAsString());
        } catch (TimeoutException e) {
            throw new AssertionError(method + " " + path + " got no answer", e);
        }
    }

    public static String json(SpecificRecord object) {
        return ApiJson.write(object).toString();
    }

    public static String yaml(SpecificRecord object) {
        return Manifests.toYaml(ApiJson.write(object));
    }
}

package io.korch.gateway.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.http.Negotiation;
import io.korch.gateway.protobuf.OpenApiV2Protobuf;
import io.korch.gateway.resource.ApiError;
import io.korch.json.ApiJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves what clients learn the API from before they use it: {@code /version}; API discovery,
 * legacy or aggregated by the {@code Accept} header ({@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}); and OpenAPI ({@code /openapi/v3}, which lists
 * each group version's document with the hash of its content, the documents themselves, and
 * {@code /openapi/v2}). Everything served is built once, from {@link ServedApi#korch()}, when
 * the routes are mounted. OpenAPI v3 is served as JSON only; {@code /openapi/v2} as JSON or, to
 * clients that ask for it (kubectl up to 1.26), as gnostic's protobuf ({@link OpenApiV2Protobuf}),
 * both under the ETag of the JSON and with {@code Vary: Accept}, as kube-apiserver serves them. A
 * client accepting neither gets 406.
 */
public final class DiscoveryRoutes {

    private static final String OPENAPI_V3 = "/openapi/v3";
    private static final String JSON = "application/json";

    private final ServerVersion version;
    private final DiscoveryDocuments discovery;
    private final Map<String, Published> openApiV3 = new LinkedHashMap<>();
    private final ObjectNode openApiV3Root;
    private final Published openApiV2;
    private final byte[] openApiV2Protobuf;

    /** A document as served: its JSON text and the hash of it, which names its version. */
    private record Published(String json, String hash) {

        static Published of(JsonNode document) {
            String json = render(document);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-512").digest(json.getBytes(StandardCharsets.UTF_8));
                return new Published(json, HexFormat.of().withUpperCase().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-512 is missing from this JVM", e);
            }
        }
    }

    DiscoveryRoutes(ServedApi api, ServerVersion version) {
        this.version = version;
        this.discovery = new DiscoveryDocuments(api);
        OpenApiDocuments openApi = new OpenApiDocuments(api, version.gitVersion());
        ObjectNode root = ApiJson.MAPPER.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        for (GroupVersion groupVersion : api.documentedGroupVersions()) {
            Published document = Published.of(openApi.v3(groupVersion));
            openApiV3.put(groupVersion.path(), document);
            paths.putObject(groupVersion.path())
                    .put("serverRelativeURL", OPENAPI_V3 + "/" + groupVersion.path() + "?hash=" + document.hash());
        }
        this.openApiV3Root = root;
        ObjectNode v2 = openApi.v2();
        this.openApiV2 = Published.of(v2);
        this.openApiV2Protobuf = OpenApiV2Protobuf.encode(v2);
    }

    /** Mounts {@code /version}, which needs nothing from the view: put it in front of the readiness gate. */
    public static void mountVersion(Router router) {
        ServerVersion version = ServerVersion.ofBuild();
        router.get("/version").handler(ctx -> Negotiation.respond(ctx, 200, version.info()));
    }

    /** Mounts discovery and OpenAPI for what {@link ServedApi#korch()} lists. */
    public static void mount(Router router) {
        DiscoveryRoutes routes = new DiscoveryRoutes(ServedApi.korch(), ServerVersion.ofBuild());
        router.get("/api").handler(routes::api);
        router.get("/api/:version").handler(routes::coreResources);
        router.get("/apis").handler(routes::apis);
        router.get("/apis/:group").handler(routes::group);
        router.get("/apis/:group/:version").handler(routes::groupResources);
        router.get(OPENAPI_V3).handler(routes::openApiV3Root);
        router.get(OPENAPI_V3 + "/*").handler(routes::openApiV3);
        router.get("/openapi/v2").handler(routes::openApiV2);
    }

    void api(RoutingContext ctx) {
        Optional<String> aggregated = aggregatedVersion(ctx);
        if (aggregated.isPresent()) {
            respondAggregated(ctx, discovery.aggregated(true, aggregated.get()), aggregated.get());
        } else {
            Negotiation.respond(ctx, 200, discovery.apiVersions(serverAddress(ctx)));
        }
    }

    void apis(RoutingContext ctx) {
        Optional<String> aggregated = aggregatedVersion(ctx);
        if (aggregated.isPresent()) {
            respondAggregated(ctx, discovery.aggregated(false, aggregated.get()), aggregated.get());
        } else {
            Negotiation.respond(ctx, 200, discovery.groupList());
        }
    }

    void coreResources(RoutingContext ctx) {
        respondFound(ctx, discovery.resourceList("", ctx.pathParam("version")));
    }

    void group(RoutingContext ctx) {
        respondFound(ctx, discovery.group(ctx.pathParam("group")));
    }

    void groupResources(RoutingContext ctx) {
        respondFound(ctx, discovery.resourceList(ctx.pathParam("group"), ctx.pathParam("version")));
    }

    void openApiV3Root(RoutingContext ctx) {
        requireJsonAccepted(ctx);
        Negotiation.respond(ctx, 200, openApiV3Root);
    }

    void openApiV3(RoutingContext ctx) {
        requireJsonAccepted(ctx);
        Published document = openApiV3.get(ctx.normalizedPath().substring(OPENAPI_V3.length() + 1));
        if (document == null) {
            throw ApiError.noSuchPath();
        }
        respondDocument(ctx, document);
    }

    void openApiV2(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        String type = DiscoveryFormat.openApiV2Type(accept(ctx)).orElseThrow(() -> notAcceptable(ctx,
                JSON + " or " + OpenApiV2Protobuf.MEDIA_TYPE));
        if (type.equals(JSON)) {
            respondDocument(ctx, openApiV2);
        } else if (!notModified(ctx, openApiV2)) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(Buffer.buffer(openApiV2Protobuf));
        }
    }

    /** The aggregated discovery version asked for; the answer varies by {@code Accept}, so caches are told. */
    private static Optional<String> aggregatedVersion(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return DiscoveryFormat.aggregatedVersion(accept(ctx));
    }

    /** Answers a document as JSON with its hash as ETag; 304 when the client holds that version already. */
    private static void respondDocument(RoutingContext ctx, Published document) {
        if (!notModified(ctx, document)) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(document.json());
        }
    }

    /** Sets the ETag of {@code document}; answers 304, and says so, when the client holds that version already. */
    private static boolean notModified(RoutingContext ctx, Published document) {
        String etag = "\"" + document.hash() + "\"";
        ctx.response().putHeader(HttpHeaders.ETAG, etag);
        if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            ctx.response().setStatusCode(304).end();
            return true;
        }
        return false;
    }

    private static void respondAggregated(RoutingContext ctx, ObjectNode list, String version) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, DiscoveryFormat.contentType(version)).end(render(list));
    }

    private static void respondFound(RoutingContext ctx, Optional<ObjectNode> document) {
        Negotiation.respond(ctx, 200, document.orElseThrow(ApiError::noSuchPath));
    }

    private static void requireJsonAccepted(RoutingContext ctx) {
        if (!DiscoveryFormat.acceptsJson(accept(ctx))) {
            throw notAcceptable(ctx, JSON + " only");
        }
    }

    private static ApiError notAcceptable(RoutingContext ctx, String served) {
        return new ApiError(406, "NotAcceptable", "korch serves this OpenAPI document as " + served + ", which "
                + accept(ctx) + " does not accept", null);
    }

    /** The address the client reached the server at, as {@code host:port}. */
    private static String serverAddress(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (authority != null) {
            return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
        }
        return ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
    }

    private static String accept(RoutingContext ctx) {
        return ctx.request().getHeader(HttpHeaders.ACCEPT);
    }

    private static String render(JsonNode document) {
        try {
            return ApiJson.MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a discovery document", e);
        }
    }
}

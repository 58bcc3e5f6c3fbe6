package io.korch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.gateway.printing.Conversion;
import io.korch.gateway.printing.Conversions;
import io.korch.gateway.printing.IncludeObject;
import io.korch.printing.TablePrinter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Answers a read as its {@code Accept} header asks ({@link Negotiation#accepted}): the served
 * object or list as it is, or converted ({@link Conversions}) to a {@code meta.k8s.io} Table of the
 * kind's columns (each row's object as {@code ?includeObject=} says), a
 * {@code PartialObjectMetadata} or a {@code PartialObjectMetadataList}. The answer's
 * {@code Content-Type} is the plain {@code application/json} (or YAML), as the API server's is.
 */
final class Tables {

    private static final Clock CLOCK = Clock.systemUTC();

    private Tables() {
    }

    /** Answers {@code code} with {@code body}, served objects of the kind {@code printer} shows. */
    static Future<Void> respond(RoutingContext ctx, int code, TablePrinter<?> printer, JsonNode body) {
        Negotiation.Accepted accepted = Negotiation.accepted(ctx.request().getHeader(HttpHeaders.ACCEPT));
        Conversion conversion = accepted.conversion();
        if (conversion == null) {
            return Negotiation.respond(ctx, code, body, accepted.yaml());
        }
        IncludeObject include = conversion.target() == Conversion.Target.TABLE
                ? IncludeObject.parse(ctx.request().getParam("includeObject")) : IncludeObject.METADATA;
        return Negotiation.respond(ctx, code, Conversions.convert(conversion, printer, body, include, CLOCK.instant()),
                accepted.yaml());
    }
}

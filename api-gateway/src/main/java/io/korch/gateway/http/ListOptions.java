package io.korch.gateway.http;

import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Causes;
import io.korch.gateway.watch.FieldSelector;
import io.korch.model.ApiKind;
import io.korch.model.Selector;
import io.korch.topics.Revisions;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The query parameters of a list, read and checked as the apiserver reads them: {@code labelSelector},
 * {@code fieldSelector} ({@link FieldSelector} on the kind's {@code SelectableFields}), {@code limit},
 * {@code continue} ({@link ContinueToken}), {@code resourceVersion} and {@code resourceVersionMatch}.
 *
 * <p>Which state of the cluster the list shows follows Kubernetes' table:
 * <ul>
 *   <li>a {@code continue} token: the state at the token's revision, the first page's;</li>
 *   <li>no resourceVersion: the most recent, the view ({@link #atLeast()} and {@link #exactly()} 0);</li>
 *   <li>{@code resourceVersion=0}: any, the view;</li>
 *   <li>{@code resourceVersion=N} with {@code resourceVersionMatch=NotOlderThan}, or without a match
 *       and without a limit: the view once it holds N ({@link #atLeast()} N);</li>
 *   <li>{@code resourceVersion=N} with {@code resourceVersionMatch=Exact}, or without a match but
 *       with a limit (the apiserver's legacy rule): the state at N ({@link #exactly()} N).</li>
 * </ul>
 * Combinations the apiserver forbids are refused as it refuses them: a 422 on
 * {@code ListOptions.meta.k8s.io} for {@code resourceVersionMatch} without {@code resourceVersion},
 * with {@code continue}, of an unknown value or {@code Exact} at {@code 0}; a 400 for a
 * {@code resourceVersion} with {@code continue}, a malformed token, limit or resourceVersion.
 *
 * @param labels       the label selector
 * @param fields       the field selector
 * @param limit        the most items a page holds; 0 for all
 * @param continueFrom where the page starts, or null for the first page
 * @param atLeast      the revision the view must hold before the list is read; 0 for none
 * @param exactly      the revision the list is read at; 0 for the view's
 */
record ListOptions(Selector labels, FieldSelector<SpecificRecord> fields, long limit, ContinueToken continueFrom,
                   long atLeast, long exactly) {

    static final String EXACT = "Exact";
    static final String NOT_OLDER_THAN = "NotOlderThan";
    private static final String MATCH = "resourceVersionMatch";

    /** The list options of the request, for a list of {@code kind}. */
    static ListOptions read(RoutingContext ctx, ApiKind kind) {
        return read(ctx.queryParams(), kind);
    }

    /** The list options of the query parameters {@code query}, for a list of {@code kind}. */
    static ListOptions read(MultiMap query, ApiKind kind) {
        String resourceVersion = query.get("resourceVersion");
        String match = query.get(MATCH);
        String token = query.get("continue");
        boolean hasVersion = resourceVersion != null && !resourceVersion.isEmpty();
        boolean hasToken = token != null && !token.isEmpty();
        checkMatch(match, hasVersion, hasToken, resourceVersion);
        Selector labels = Lists.labelSelector(query.get("labelSelector"));
        FieldSelector<SpecificRecord> fields = FieldSelector.forKind(kind, query.get("fieldSelector"));
        long limit = limit(query.get("limit"));
        if (hasToken) {
            ContinueToken continueFrom = ContinueToken.decode(token);
            if (hasVersion && !resourceVersion.equals("0")) {
                throw ApiError.badRequest("specifying resource version is not allowed when using continue");
            }
            long revision = continueFrom.latest() ? 0 : continueFrom.revision();
            return new ListOptions(labels, fields, limit, continueFrom, revision, revision);
        }
        if (!hasVersion || resourceVersion.equals("0")) {
            return new ListOptions(labels, fields, limit, null, 0, 0);
        }
        long revision = Revisions.parse(resourceVersion)
                .orElseThrow(() -> ApiError.invalidResourceVersion(resourceVersion));
        boolean exact = EXACT.equals(match) || (match == null || match.isEmpty()) && limit > 0;
        return exact ? new ListOptions(labels, fields, limit, null, revision, revision)
                : new ListOptions(labels, fields, limit, null, revision, 0);
    }

    /** The apiserver's rules for {@code resourceVersionMatch} ({@code ValidateListOptions}). */
    private static void checkMatch(String match, boolean hasVersion, boolean hasToken, String resourceVersion) {
        if (match == null || match.isEmpty()) {
            return;
        }
        Causes causes = new Causes();
        if (!hasVersion) {
            causes.forbidden(MATCH, "resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        if (hasToken) {
            causes.forbidden(MATCH, "resourceVersionMatch is forbidden when continue is provided");
        }
        if (!match.equals(EXACT) && !match.equals(NOT_OLDER_THAN)) {
            causes.notSupported(MATCH, match, List.of(EXACT, NOT_OLDER_THAN, ""));
        }
        if (match.equals(EXACT) && "0".equals(resourceVersion)) {
            causes.forbidden(MATCH, "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
        }
        if (!causes.isEmpty()) {
            throw ApiError.invalidOptions("ListOptions", causes.list());
        }
    }

    private static long limit(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit \"" + text + "\" is not a number of items");
        }
    }

    /** Whether the page starts after the item keyed {@code key}: the first page starts at the first item. */
    boolean startsAfter(String key) {
        return continueFrom == null || key.compareTo(continueFrom.after()) > 0;
    }
}

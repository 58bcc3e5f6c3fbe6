package io.korch.gateway.discovery;

import io.korch.gateway.protobuf.OpenApiV2Protobuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which discovery document a client asks for by its {@code Accept} header: the aggregated
 * {@code APIGroupDiscoveryList} that kubectl 1.26+ asks for first on {@code /api} and
 * {@code /apis} ({@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}, or
 * {@code v=v2beta1} from older clients), or else the legacy {@code APIVersions} /
 * {@code APIGroupList}; and whether {@code /openapi/v2} is answered as JSON or as protobuf. Ranges are taken by quality, and in the header's order among equals, as
 * client-go lists them in its order of preference.
 */
public final class DiscoveryFormat {

    public static final String GROUP = "apidiscovery.k8s.io";
    public static final String KIND = "APIGroupDiscoveryList";
    /** The aggregated discovery versions served, newest first. */
    static final List<String> VERSIONS = List.of("v2", "v2beta1");

    private static final String JSON = "application/json";

    private DiscoveryFormat() {
    }

    /** The aggregated discovery version {@code accept} prefers over legacy JSON, if any. */
    public static Optional<String> aggregatedVersion(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        for (Range range : byQuality(accept)) {
            if (range.quality() <= 0) {
                continue;
            }
            Optional<String> version = range.aggregatedVersion();
            if (version.isPresent() || range.acceptsJson()) {
                return version;
            }
        }
        return Optional.empty();
    }

    /** Whether a plain JSON answer satisfies {@code accept}: no header, or JSON or a wildcard of quality above 0. */
    public static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            Range parsed = Range.parse(range);
            if (parsed.quality() > 0 && parsed.acceptsJson()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The media type {@code /openapi/v2} is answered in for {@code accept}, as kube-apiserver
     * chooses it: the first range of quality above 0 that JSON or a wildcard satisfies gives
     * JSON, one naming gnostic's protobuf (either spelling) gives {@link OpenApiV2Protobuf#MEDIA_TYPE};
     * no header is a wildcard; nothing acceptable is empty, a 406.
     */
    public static Optional<String> openApiV2Type(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(JSON);
        }
        for (Range range : byQuality(accept)) {
            if (range.quality() <= 0) {
                continue;
            }
            if (range.acceptsJson()) {
                return Optional.of(JSON);
            }
            if (range.type().equals(OpenApiV2Protobuf.MEDIA_TYPE)
                    || range.type().equals(OpenApiV2Protobuf.MEDIA_TYPE_DEPRECATED)) {
                return Optional.of(OpenApiV2Protobuf.MEDIA_TYPE);
            }
        }
        return Optional.empty();
    }

    /** The {@code Content-Type} of an aggregated discovery answer of {@code version}. */
    public static String contentType(String version) {
        return JSON + ";g=" + GROUP + ";v=" + version + ";as=" + KIND;
    }

    /** The ranges of {@code accept}, highest quality first, in the header's order among equals. */
    private static List<Range> byQuality(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String range : accept.split(",")) {
            ranges.add(Range.parse(range));
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed());
        return ranges;
    }

    /** One media range of an {@code Accept} header, its parameter names lowercased. */
    private record Range(String type, Map<String, String> parameters) {

        static Range parse(String text) {
            String[] parts = text.split(";");
            Map<String, String> parameters = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                if (pair.length == 2) {
                    parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), unquoted(pair[1].trim()));
                }
            }
            return new Range(parts[0].trim().toLowerCase(Locale.ROOT), parameters);
        }

        double quality() {
            try {
                return Double.parseDouble(parameters.getOrDefault("q", "1"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        Optional<String> aggregatedVersion() {
            boolean aggregated = type.equals(JSON) && GROUP.equals(parameters.get("g"))
                    && KIND.equals(parameters.get("as")) && VERSIONS.contains(parameters.get("v"));
            return aggregated ? Optional.of(parameters.get("v")) : Optional.empty();
        }

        /** Whether a legacy JSON answer satisfies this range: plain JSON or a wildcard. */
        boolean acceptsJson() {
            boolean plain = !parameters.containsKey("as") && !parameters.containsKey("g");
            return plain && (type.equals(JSON) || type.equals("application/*") || type.equals("*/*"));
        }

        private static String unquoted(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }
}

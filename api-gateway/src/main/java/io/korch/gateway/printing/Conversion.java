package io.korch.gateway.printing;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What a client asks to get instead of the objects themselves, by the {@code as}, {@code g} and
 * {@code v} parameters of an {@code Accept} range, as the API server serves them: a {@code Table},
 * {@code PartialObjectMetadata} or {@code PartialObjectMetadataList} of group {@code meta.k8s.io},
 * version {@code v1} or {@code v1beta1}.
 *
 * @param target  what the objects become
 * @param version the {@code meta.k8s.io} version asked for
 */
public record Conversion(Target target, String version) {

    public static final String GROUP = "meta.k8s.io";

    private static final Set<String> VERSIONS = Set.of("v1", "v1beta1");

    /** The kinds objects can be served as. */
    public enum Target {
        TABLE("Table"),
        PARTIAL_OBJECT_METADATA("PartialObjectMetadata"),
        PARTIAL_OBJECT_METADATA_LIST("PartialObjectMetadataList");

        private final String kind;

        Target(String kind) {
            this.kind = kind;
        }

        /** The kind as {@code as=} names it: {@code Table}. */
        public String kind() {
            return kind;
        }
    }

    /** The conversion {@code as=KIND;g=GROUP;v=VERSION} names, or empty when there is no such one. */
    public static Optional<Conversion> of(String as, String group, String version) {
        if (!GROUP.equals(group) || version == null || !VERSIONS.contains(version)) {
            return Optional.empty();
        }
        return Arrays.stream(Target.values())
                .filter(target -> target.kind().equals(as))
                .findFirst()
                .map(target -> new Conversion(target, version));
    }

    /** {@code meta.k8s.io/v1}. */
    public String apiVersion() {
        return GROUP + "/" + version;
    }
}

package io.korch.cli.output;

import io.korch.model.ApiKind;
import java.util.Locale;

/**
 * How kubectl names objects in its messages: the lower-case kind qualified by its API group
 * ({@code deployment.apps}, but plain {@code pod} for the core group), followed by the name.
 */
public final class ResourceNames {

    private ResourceNames() {
    }

    /** {@code deployment.apps} or {@code pod}. */
    public static String qualifiedKind(ApiKind kind) {
        String lower = kind.kind().toLowerCase(Locale.ROOT);
        int slash = kind.apiVersion().indexOf('/');
        return slash < 0 ? lower : lower + "." + kind.apiVersion().substring(0, slash);
    }

    /** {@code deployment.apps/web}: the form of {@code apply}, {@code scale} and {@code -o name}. */
    public static String slashed(ApiKind kind, String name) {
        return qualifiedKind(kind) + "/" + name;
    }

    /** {@code deployment.apps "web"}: the form of {@code delete}. */
    public static String quoted(ApiKind kind, String name) {
        return qualifiedKind(kind) + " \"" + name + "\"";
    }
}

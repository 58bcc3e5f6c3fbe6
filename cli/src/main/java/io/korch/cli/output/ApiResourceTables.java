package io.korch.cli.output;

import io.korch.cli.client.ApiResource;
import java.util.Comparator;
import java.util.List;

/**
 * {@code korch api-resources} as kubectl prints it: {@code NAME SHORTNAMES APIVERSION NAMESPACED
 * KIND}, with {@code VERBS} and {@code CATEGORIES} when wide, sorted by group (the core group
 * first) and then by name; or {@code name.group} lines.
 */
public final class ApiResourceTables {

    /** kubectl's order: by group, then by name. */
    public static final Comparator<ApiResource> BY_GROUP_AND_NAME =
            Comparator.comparing(ApiResource::group).thenComparing(ApiResource::name);

    private ApiResourceTables() {
    }

    /** The table of {@code resources}, in the order given. */
    public static Table table(List<ApiResource> resources, boolean wide) {
        Table table = wide
                ? Table.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES")
                : Table.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
        for (ApiResource resource : resources) {
            String shortNames = String.join(",", resource.shortNames());
            String namespaced = String.valueOf(resource.namespaced());
            if (wide) {
                table.row(resource.name(), shortNames, resource.groupVersion(), namespaced, resource.kind(),
                        String.join(",", resource.verbs().stream().sorted().toList()),
                        String.join(",", resource.categories()));
            } else {
                table.row(resource.name(), shortNames, resource.groupVersion(), namespaced, resource.kind());
            }
        }
        return table;
    }

    /** One {@code name.group} line per resource ({@code pods}, {@code deployments.apps}). */
    public static String names(List<ApiResource> resources) {
        StringBuilder out = new StringBuilder();
        resources.forEach(resource -> out.append(resource.qualifiedName()).append('\n'));
        return out.toString();
    }
}

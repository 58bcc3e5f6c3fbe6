package io.korch.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads which resources the server serves from its discovery documents, as kubectl does: the core
 * group's {@code APIResourceList} at {@code /api/v1}, then {@code /apis} ({@code APIGroupList})
 * and the list of each group's preferred version at {@code /apis/{group}/{version}}.
 * Subresources ({@code pods/status}) are left out.
 */
public final class Discovery {

    private final ApiClient client;

    public Discovery(ApiClient client) {
        this.client = client;
    }

    /** Every resource of the core group and of each group's preferred version, in the server's order. */
    public List<ApiResource> resources() {
        List<ApiResource> resources = new ArrayList<>(resources("/api/v1", "v1"));
        for (JsonNode group : client.get("/apis").path("groups")) {
            String groupVersion = preferredVersion(group);
            if (!groupVersion.isEmpty()) {
                resources.addAll(resources("/apis/" + groupVersion, groupVersion));
            }
        }
        return resources;
    }

    private static String preferredVersion(JsonNode group) {
        String preferred = group.path("preferredVersion").path("groupVersion").asText("");
        if (!preferred.isEmpty()) {
            return preferred;
        }
        JsonNode versions = group.path("versions");
        return versions.isEmpty() ? "" : versions.get(0).path("groupVersion").asText("");
    }

    private List<ApiResource> resources(String path, String defaultGroupVersion) {
        JsonNode list = client.get(path);
        String groupVersion = list.path("groupVersion").asText(defaultGroupVersion);
        List<ApiResource> resources = new ArrayList<>();
        for (JsonNode resource : list.path("resources")) {
            String name = resource.path("name").asText("");
            if (name.isEmpty() || name.contains("/")) {
                continue;
            }
            resources.add(new ApiResource(name, strings(resource.path("shortNames")), groupVersion,
                    resource.path("namespaced").asBoolean(false), resource.path("kind").asText(""),
                    strings(resource.path("verbs")), strings(resource.path("categories"))));
        }
        return resources;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}

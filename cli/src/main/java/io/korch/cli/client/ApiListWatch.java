package io.korch.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link ListWatch} over the API: lists with {@code labelSelector} and {@code fieldSelector},
 * watches with {@code ?watch=true&resourceVersion=RV&allowWatchBookmarks=true} and the same
 * selectors. One object is followed by name: the list is filtered here and the watch asks for
 * {@code fieldSelector=metadata.name=NAME}, joined to the caller's field selector.
 */
final class ApiListWatch implements ListWatch {

    private final ApiClient client;
    private final String path;
    private final String labelSelector;
    private final String fieldSelector;
    private final String name;

    ApiListWatch(ApiClient client, String path, String labelSelector, String fieldSelector, String name) {
        this.client = client;
        this.path = path;
        this.labelSelector = labelSelector;
        this.fieldSelector = fieldSelector == null || fieldSelector.isEmpty() ? null : fieldSelector;
        this.name = name;
    }

    @Override
    public Snapshot list() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("labelSelector", labelSelector);
        query.put("fieldSelector", fieldSelector);
        JsonNode list = client.get(ApiClient.withQuery(path, query));
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (name == null || name.equals(item.path("metadata").path("name").asText())) {
                items.add(item);
            }
        }
        return new Snapshot(items, list.path("metadata").path("resourceVersion").asText(""));
    }

    @Override
    public void watch(String resourceVersion, Consumer<String> lines) throws InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("watch", "true");
        query.put("resourceVersion", resourceVersion.isEmpty() ? null : resourceVersion);
        query.put("allowWatchBookmarks", "true");
        query.put("labelSelector", labelSelector);
        query.put("fieldSelector", watchFieldSelector());
        client.stream(ApiClient.withQuery(path, query), lines);
    }

    /** The caller's field selector, with {@code metadata.name=NAME} when one object is followed. */
    private String watchFieldSelector() {
        if (name == null) {
            return fieldSelector;
        }
        return fieldSelector == null ? "metadata.name=" + name : "metadata.name=" + name + "," + fieldSelector;
    }
}

package io.korch.gateway.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The API discovery documents of a {@link ServedApi}, in the shapes client-go reads: the legacy
 * ones ({@code APIVersions} at {@code /api}, {@code APIGroupList} at {@code /apis},
 * {@code APIGroup} at {@code /apis/GROUP}, {@code APIResourceList} at each group version) and the
 * aggregated {@code APIGroupDiscoveryList} that answers {@code /api} or {@code /apis} with every
 * resource at once.
 */
public final class DiscoveryDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The client address range the server address is given for: every client. */
    private static final String ALL_CLIENTS = "0.0.0.0/0";

    private final ServedApi api;

    public DiscoveryDocuments(ServedApi api) {
        this.api = api;
    }

    /** {@code /api}: the core group's versions, and the address clients reach the server at. */
    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode versions = NODES.objectNode();
        versions.put("kind", "APIVersions");
        ArrayNode list = versions.putArray("versions");
        api.groupVersions().stream().filter(GroupVersion::core).forEach(gv -> list.add(gv.version()));
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", ALL_CLIENTS)
                .put("serverAddress", serverAddress);
        return versions;
    }

    /** {@code /apis}: the named groups that serve at least one resource. */
    public ObjectNode groupList() {
        ObjectNode list = meta("APIGroupList");
        ArrayNode groups = list.putArray("groups");
        api.namedGroupVersions().stream().map(GroupVersion::group).distinct()
                .forEach(group -> groups.add(groupBody(NODES.objectNode(), group)));
        return list;
    }

    /** {@code /apis/GROUP}, when the group is served. */
    public Optional<ObjectNode> group(String group) {
        if (group.isEmpty() || api.versionsOf(group).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(groupBody(meta("APIGroup"), group));
    }

    /** The {@code APIResourceList} of a group version, when it is served. */
    public Optional<ObjectNode> resourceList(String group, String version) {
        return api.find(group, version).map(this::resourceList);
    }

    private ObjectNode resourceList(GroupVersion groupVersion) {
        ObjectNode list = meta("APIResourceList");
        list.put("groupVersion", groupVersion.toString());
        ArrayNode resources = list.putArray("resources");
        for (ServedResource resource : api.resources(groupVersion)) {
            ObjectNode entry = resources.addObject();
            entry.put("name", resource.plural());
            entry.put("singularName", resource.singular());
            entry.put("namespaced", resource.namespaced());
            entry.put("kind", resource.kind());
            verbs(entry.putArray("verbs"), resource.verbs());
            strings(entry, "shortNames", resource.shortNames());
            strings(entry, "categories", resource.categories());
            for (ServedResource.Subresource subresource : resource.subresources()) {
                ObjectNode sub = resources.addObject();
                sub.put("name", resource.plural() + "/" + subresource.name());
                sub.put("singularName", "");
                sub.put("namespaced", resource.namespaced());
                sub.put("group", subresource.groupVersion().group());
                sub.put("version", subresource.groupVersion().version());
                sub.put("kind", subresource.kind());
                verbs(sub.putArray("verbs"), subresource.verbs());
            }
        }
        return list;
    }

    /**
     * The aggregated discovery of the core group ({@code /api}, {@code core} true) or of the named
     * groups ({@code /apis}), as {@code apidiscovery.k8s.io/VERSION}.
     */
    public ObjectNode aggregated(boolean core, String version) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", DiscoveryFormat.KIND);
        list.put("apiVersion", DiscoveryFormat.GROUP + "/" + version);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        List<GroupVersion> groupVersions = core
                ? api.groupVersions().stream().filter(GroupVersion::core).toList()
                : api.namedGroupVersions();
        groupVersions.stream().map(GroupVersion::group).distinct().forEach(group -> {
            ObjectNode item = items.addObject();
            ObjectNode metadata = item.putObject("metadata");
            if (!group.isEmpty()) {
                metadata.put("name", group);
            }
            metadata.putNull("creationTimestamp");
            ArrayNode versions = item.putArray("versions");
            for (GroupVersion groupVersion : api.versionsOf(group)) {
                ObjectNode versionNode = versions.addObject();
                versionNode.put("version", groupVersion.version());
                ArrayNode resources = versionNode.putArray("resources");
                api.resources(groupVersion).forEach(resource -> resources.add(aggregatedResource(resource)));
                versionNode.put("freshness", "Current");
            }
        });
        return list;
    }

    private static ObjectNode aggregatedResource(ServedResource resource) {
        ObjectNode entry = NODES.objectNode();
        entry.put("resource", resource.plural());
        entry.set("responseKind", kind(resource.groupVersion(), resource.kind()));
        entry.put("scope", resource.namespaced() ? "Namespaced" : "Cluster");
        entry.put("singularResource", resource.singular());
        verbs(entry.putArray("verbs"), resource.verbs());
        strings(entry, "shortNames", resource.shortNames());
        strings(entry, "categories", resource.categories());
        if (!resource.subresources().isEmpty()) {
            ArrayNode subresources = entry.putArray("subresources");
            for (ServedResource.Subresource subresource : resource.subresources()) {
                ObjectNode sub = subresources.addObject();
                sub.put("subresource", subresource.name());
                sub.set("responseKind", kind(subresource.groupVersion(), subresource.kind()));
                verbs(sub.putArray("verbs"), subresource.verbs());
            }
        }
        return entry;
    }

    private ObjectNode groupBody(ObjectNode body, String group) {
        body.put("name", group);
        ArrayNode versions = body.putArray("versions");
        List<GroupVersion> served = api.versionsOf(group);
        served.forEach(gv -> versions.add(groupVersionForDiscovery(gv)));
        body.set("preferredVersion", groupVersionForDiscovery(served.get(0)));
        return body;
    }

    private static ObjectNode groupVersionForDiscovery(GroupVersion groupVersion) {
        return NODES.objectNode().put("groupVersion", groupVersion.toString()).put("version", groupVersion.version());
    }

    private static ObjectNode kind(GroupVersion groupVersion, String kind) {
        return NODES.objectNode()
                .put("group", groupVersion.group())
                .put("version", groupVersion.version())
                .put("kind", kind);
    }

    private static ObjectNode meta(String kind) {
        return NODES.objectNode().put("kind", kind).put("apiVersion", "v1");
    }

    private static void verbs(ArrayNode array, List<Verb> verbs) {
        verbs.forEach(verb -> array.add(verb.discoveryName()));
    }

    private static void strings(ObjectNode entry, String field, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(entry.putArray(field)::add);
        }
    }
}

package io.korch.gateway.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths of served resources as OpenAPI describes them, before they are written in either
 * OpenAPI version: for each collection, object and subresource path, its path parameters and an
 * operation for each verb served there, with the query parameters korch reads, the body it takes
 * and what it answers. The schemas the operations name are added to the document's
 * {@link OpenApiSchemas} as the paths are built.
 */
final class OpenApiPaths {

    /** Where a parameter goes. */
    enum In { PATH, QUERY }

    /** What a request carries: nothing, an object of the operation's kind, or a patch of one. */
    enum Body { NONE, OBJECT, PATCH }

    record Parameter(String name, In in, String type, String description) {
    }

    record Response(int code, String description, String schema) {
    }

    /**
     * One operation: a verb on a path, with its {@code x-kubernetes-group-version-kind}.
     *
     * @param bodySchema the schema of the body, or null for none
     */
    record Operation(Verb verb, String operationId, String tag, String description, GroupVersion groupVersion,
                     String kind, List<Parameter> query, Body body, String bodySchema, List<Response> responses) {
    }

    record PathItem(String path, List<Parameter> parameters, List<Operation> operations) {
    }

    static final Parameter NAMESPACE = new Parameter("namespace", In.PATH, "string",
            "object name and auth scope, such as for teams and projects");
    static final Parameter DRY_RUN = query("dryRun", "string",
            "All: every check runs and the answer is what would be stored, but nothing is written.");
    static final Parameter FIELD_MANAGER = query("fieldManager", "string",
            "The name of the actor or entity making these changes; at most 128 printable characters.");
    static final Parameter FIELD_VALIDATION = query("fieldValidation", "string",
            "How the server treats objects with unknown or duplicate fields: Ignore, Warn or Strict."
                    + " korch refuses them whichever is given, as Strict does.");
    static final Parameter FORCE = query("force", "boolean",
            "Force an apply request to take fields other managers own; for apply patches only.");
    static final Parameter PROPAGATION_POLICY = query("propagationPolicy", "string",
            "Whether and how dependents are deleted: Orphan, Background or Foreground.");
    static final Parameter LABEL_SELECTOR = query("labelSelector", "string",
            "A selector to restrict the list of returned objects by their labels.");
    static final Parameter FIELD_SELECTOR = query("fieldSelector", "string",
            "A selector to restrict the list of returned objects by their fields.");
    static final Parameter RESOURCE_VERSION = query("resourceVersion", "string",
            "With watch, the revision to watch changes from.");
    static final Parameter TIMEOUT_SECONDS = query("timeoutSeconds", "integer",
            "The duration of a watch call, regardless of activity.");
    static final Parameter WATCH = query("watch", "boolean",
            "Watch for changes to the described resources and return them as a stream of events.");
    static final Parameter ALLOW_WATCH_BOOKMARKS = query("allowWatchBookmarks", "boolean",
            "Whether a watch may send BOOKMARK events.");

    static final List<Parameter> WRITE_QUERY = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);

    private final OpenApiSchemas schemas;

    private OpenApiPaths(OpenApiSchemas schemas) {
        this.schemas = schemas;
    }

    /** The paths of {@code resources} that have a schema, their schemas added to {@code schemas}. */
    static List<PathItem> of(List<ServedResource> resources, OpenApiSchemas schemas) {
        OpenApiPaths paths = new OpenApiPaths(schemas);
        List<PathItem> items = new ArrayList<>();
        for (ServedResource resource : resources) {
            if (resource.schema() != null) {
                paths.add(resource, items);
            }
        }
        return items;
    }

    private void add(ServedResource resource, List<PathItem> items) {
        String prefix = "/" + resource.groupVersion().path();
        String kindSchema = schemas.kind(resource);
        String listSchema = schemas.list(resource);
        List<Parameter> scope = resource.namespaced() ? List.of(NAMESPACE) : List.of();
        String collection = prefix + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
        Parameter name = new Parameter("name", In.PATH, "string", "name of the " + resource.kind());
        List<Parameter> objectScope = new ArrayList<>(scope);
        objectScope.add(name);

        if (resource.namespaced() && resource.serves(Verb.LIST)) {
            items.add(new PathItem(prefix + "/" + resource.plural(), List.of(),
                    List.of(list(resource, listSchema, "ForAllNamespaces"))));
        }
        List<Operation> onCollection = new ArrayList<>();
        if (resource.serves(Verb.LIST)) {
            onCollection.add(list(resource, listSchema, ""));
        }
        if (resource.serves(Verb.CREATE)) {
            onCollection.add(operation(resource, Verb.CREATE, WRITE_QUERY, Body.OBJECT, kindSchema,
                    List.of(ok(kindSchema), new Response(201, "Created", kindSchema),
                            new Response(202, "Accepted", kindSchema))));
        }
        if (resource.serves(Verb.DELETECOLLECTION)) {
            onCollection.add(operation(resource, Verb.DELETECOLLECTION,
                    List.of(DRY_RUN, FIELD_SELECTOR, LABEL_SELECTOR, PROPAGATION_POLICY), Body.NONE, null,
                    List.of(ok(schemas.status()))));
        }
        if (!onCollection.isEmpty()) {
            items.add(new PathItem(collection, scope, onCollection));
        }

        List<Operation> onObject = new ArrayList<>();
        if (resource.serves(Verb.GET)) {
            onObject.add(operation(resource, Verb.GET, List.of(), Body.NONE, null, List.of(ok(kindSchema))));
        }
        if (resource.serves(Verb.UPDATE)) {
            onObject.add(operation(resource, Verb.UPDATE, WRITE_QUERY, Body.OBJECT, kindSchema,
                    List.of(ok(kindSchema), new Response(201, "Created", kindSchema))));
        }
        if (resource.serves(Verb.PATCH)) {
            onObject.add(operation(resource, Verb.PATCH, patchQuery(), Body.PATCH, schemas.patch(),
                    List.of(ok(kindSchema), new Response(201, "Created", kindSchema))));
        }
        if (resource.serves(Verb.DELETE)) {
            onObject.add(operation(resource, Verb.DELETE, List.of(DRY_RUN, PROPAGATION_POLICY), Body.NONE, null,
                    List.of(ok(kindSchema), new Response(202, "Accepted", kindSchema))));
        }
        if (!onObject.isEmpty()) {
            items.add(new PathItem(collection + "/{name}", objectScope, onObject));
        }

        for (ServedResource.Subresource subresource : resource.subresources()) {
            if (ServedApi.STREAMING.contains(subresource)) {
                continue;
            }
            items.add(new PathItem(collection + "/{name}/" + subresource.name(), objectScope,
                    subresourceOperations(resource, subresource)));
        }
    }

    private List<Operation> subresourceOperations(ServedResource resource, ServedResource.Subresource subresource) {
        String schema = subresource.kind().equals(resource.kind())
                ? schemas.kind(resource) : schemas.scale(subresource);
        String suffix = capitalized(subresource.name());
        List<Operation> operations = new ArrayList<>();
        for (Verb verb : subresource.verbs()) {
            List<Parameter> query = switch (verb) {
                case UPDATE -> WRITE_QUERY;
                case PATCH -> patchQuery();
                default -> List.of();
            };
            Body body = verb == Verb.UPDATE ? Body.OBJECT : verb == Verb.PATCH ? Body.PATCH : Body.NONE;
            String bodySchema = body == Body.OBJECT ? schema : body == Body.PATCH ? schemas.patch() : null;
            operations.add(new Operation(verb, operationId(resource, verb, suffix), tag(resource.groupVersion()),
                    verb.discoveryName() + " " + subresource.name() + " of the specified " + resource.kind(),
                    subresource.groupVersion(), subresource.kind(), query, body, bodySchema, List.of(ok(schema))));
        }
        return operations;
    }

    private Operation list(ServedResource resource, String listSchema, String suffix) {
        List<Parameter> query = new ArrayList<>(List.of(FIELD_SELECTOR, LABEL_SELECTOR));
        if (resource.serves(Verb.WATCH)) {
            query.addAll(List.of(ALLOW_WATCH_BOOKMARKS, RESOURCE_VERSION, TIMEOUT_SECONDS, WATCH));
        }
        String scope = suffix.isEmpty() && resource.namespaced() ? "Namespaced" : "";
        return new Operation(Verb.LIST, "list" + camel(resource.groupVersion()) + scope + resource.kind() + suffix,
                tag(resource.groupVersion()), "list or watch objects of kind " + resource.kind(),
                resource.groupVersion(), resource.kind(), query, Body.NONE, null, List.of(ok(listSchema)));
    }

    private Operation operation(ServedResource resource, Verb verb, List<Parameter> query, Body body,
                                String bodySchema, List<Response> responses) {
        String description = switch (verb) {
            case CREATE -> "create a " + resource.kind();
            case DELETECOLLECTION -> "delete collection of " + resource.kind();
            case GET -> "read the specified " + resource.kind();
            case UPDATE -> "replace the specified " + resource.kind();
            case PATCH -> "partially update the specified " + resource.kind();
            default -> verb.discoveryName() + " a " + resource.kind();
        };
        return new Operation(verb, operationId(resource, verb, ""), tag(resource.groupVersion()), description,
                resource.groupVersion(), resource.kind(), query, body, bodySchema, responses);
    }

    /** As Kubernetes names operations: {@code readCoreV1NamespacedPod}, {@code deleteCoreV1CollectionNamespacedPod}. */
    private static String operationId(ServedResource resource, Verb verb, String suffix) {
        String scope = resource.namespaced() ? "Namespaced" : "";
        String group = camel(resource.groupVersion());
        String rest = scope + resource.kind() + suffix;
        return switch (verb) {
            case CREATE -> "create" + group + rest;
            case DELETE -> "delete" + group + rest;
            case DELETECOLLECTION -> "delete" + group + "Collection" + rest;
            case GET -> "read" + group + rest;
            case PATCH -> "patch" + group + rest;
            case UPDATE -> "replace" + group + rest;
            case LIST, WATCH -> verb.discoveryName() + group + rest;
        };
    }

    private static List<Parameter> patchQuery() {
        List<Parameter> query = new ArrayList<>(WRITE_QUERY);
        query.add(FORCE);
        return query;
    }

    /** The tag of a group version's operations: {@code core_v1}, {@code apps_v1}. */
    private static String tag(GroupVersion groupVersion) {
        return (groupVersion.core() ? "core" : groupVersion.group()) + "_" + groupVersion.version();
    }

    /** {@code CoreV1}, {@code AppsV1}. */
    private static String camel(GroupVersion groupVersion) {
        return capitalized(groupVersion.core() ? "core" : groupVersion.group()) + capitalized(groupVersion.version());
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static Response ok(String schema) {
        return new Response(200, "OK", schema);
    }

    private static Parameter query(String name, String type, String description) {
        return new Parameter(name, In.QUERY, type, description);
    }
}

package io.korch.gateway.discovery;

import java.util.Locale;

/**
 * The verbs of the Kubernetes API, each with the request that carries it: the HTTP method, and
 * whether it goes to a collection or to one object. {@link #WATCH} has no request of its own: it
 * is {@code ?watch=true} on a list.
 */
public enum Verb {
    CREATE("post", "post", Target.COLLECTION),
    DELETE("delete", "delete", Target.OBJECT),
    DELETECOLLECTION("delete", "deletecollection", Target.COLLECTION),
    GET("get", "get", Target.OBJECT),
    LIST("get", "list", Target.COLLECTION),
    PATCH("patch", "patch", Target.OBJECT),
    UPDATE("put", "put", Target.OBJECT),
    WATCH("get", "watch", Target.COLLECTION);

    /** Where a verb's request goes. */
    public enum Target { COLLECTION, OBJECT }

    private final String method;
    private final String action;
    private final Target target;

    Verb(String method, String action, Target target) {
        this.method = method;
        this.action = action;
        this.target = target;
    }

    /** The name discovery lists: {@code deletecollection}. */
    public String discoveryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP method of its request, lowercase as OpenAPI path items name it: {@code post}. */
    public String method() {
        return method;
    }

    /** The {@code x-kubernetes-action} of its OpenAPI operations: {@code post} for create, {@code put} for update. */
    public String action() {
        return action;
    }

    public Target target() {
        return target;
    }
}

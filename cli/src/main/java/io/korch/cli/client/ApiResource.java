package io.korch.cli.client;

import java.util.List;

/**
 * One resource the server serves, as its discovery document ({@code APIResourceList}) lists it.
 *
 * @param name         the plural name, e.g. {@code deployments}
 * @param shortNames   short names, e.g. {@code deploy}
 * @param groupVersion {@code v1} for the core group, else {@code group/version}
 * @param namespaced   whether its objects live in namespaces
 * @param kind         the kind, e.g. {@code Deployment}
 * @param verbs        what can be done with it: {@code get}, {@code list}, {@code watch}...
 * @param categories   the categories it belongs to, e.g. {@code all}
 */
public record ApiResource(String name, List<String> shortNames, String groupVersion, boolean namespaced, String kind,
                          List<String> verbs, List<String> categories) {

    /** The API group: "" for the core group. */
    public String group() {
        int slash = groupVersion.indexOf('/');
        return slash < 0 ? "" : groupVersion.substring(0, slash);
    }

    /** {@code pods} in the core group, else {@code deployments.apps}: the name kubectl's {@code -o name} prints. */
    public String qualifiedName() {
        return group().isEmpty() ? name : name + "." + group();
    }
}

package io.korch.gateway.discovery;

/**
 * An API group and one of its versions: the core group's {@code v1} (group empty) or {@code apps/v1}.
 *
 * @param group   the group, empty for the core group
 * @param version the version: {@code v1}
 */
public record GroupVersion(String group, String version) {

    /** Whether this is the core group, served under {@code /api} rather than {@code /apis}. */
    public boolean core() {
        return group.isEmpty();
    }

    /** The path below the server root, without its leading slash: {@code api/v1}, {@code apis/apps/v1}. */
    public String path() {
        return core() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /** As {@code apiVersion} and {@code groupVersion} fields write it: {@code v1}, {@code apps/v1}. */
    @Override
    public String toString() {
        return core() ? version : group + "/" + version;
    }
}

package io.korch.cli.dev;

import io.korch.cli.config.KubeConfig;

/**
 * The kubeconfig entries of a dev cluster: a cluster, a user (without credentials: the dev API
 * has no authentication) and a context, all named {@value #NAME}, pointing at the API's URL.
 * {@link #standalone} is the file {@code kubectl} is pointed at with {@code KUBECONFIG};
 * {@link #merge} adds the same entries to korch's own config and makes the context current when
 * none is, as {@code kind} and {@code minikube} do with {@code ~/.kube/config}, but without
 * taking over a context the user chose.
 */
public final class DevKubeconfig {

    /** The name of the cluster, user and context. */
    public static final String NAME = "korch-dev";

    /**
     * The result of merging.
     *
     * @param config        the config with the dev entries
     * @param madeCurrent   whether {@value #NAME} became (or already was) the current context
     * @param otherCurrent  the current context left in place when it is another one, else ""
     */
    public record Merge(KubeConfig config, boolean madeCurrent, String otherCurrent) {
    }

    private DevKubeconfig() {
    }

    /** A kubeconfig holding only the dev cluster at {@code server}, its context current. */
    public static KubeConfig standalone(String server) {
        return withEntries(KubeConfig.empty(), server).withCurrentContext(NAME);
    }

    /**
     * {@code config} with the dev entries added or updated to {@code server}; the current context
     * becomes {@value #NAME} only when none is set or the one set does not exist.
     */
    public static Merge merge(KubeConfig config, String server) {
        KubeConfig merged = withEntries(config, server);
        String current = config.currentContext();
        if (current.isEmpty() || current.equals(NAME) || config.context(current).isEmpty()) {
            return new Merge(merged.withCurrentContext(NAME), true, "");
        }
        return new Merge(merged, false, current);
    }

    private static KubeConfig withEntries(KubeConfig config, String server) {
        return config.withCluster(NAME, server).withUser(NAME).withContext(NAME, NAME, NAME, null);
    }
}

package io.korch.cli.config;

/**
 * The connection flags given on the command line, each null when not given.
 *
 * @param server     {@code --server}
 * @param namespace  {@code -n}
 * @param kubeconfig {@code --kubeconfig}
 * @param context    {@code --context}
 */
public record ConfigFlags(String server, String namespace, String kubeconfig, String context) {

    /** No flags at all. */
    public static final ConfigFlags NONE = new ConfigFlags(null, null, null, null);

    /** These flags, each one not given here taken from {@code outer} (the flags before the subcommand). */
    public ConfigFlags orElse(ConfigFlags outer) {
        return new ConfigFlags(server != null ? server : outer.server, namespace != null ? namespace : outer.namespace,
                kubeconfig != null ? kubeconfig : outer.kubeconfig, context != null ? context : outer.context);
    }
}

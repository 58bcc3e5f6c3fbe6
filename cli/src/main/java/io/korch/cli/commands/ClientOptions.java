package io.korch.cli.commands;

import io.korch.cli.config.ConfigFlags;
import io.korch.cli.config.Connection;
import picocli.CommandLine.Option;

/**
 * The connection options, which kubectl takes anywhere on the line: {@code korch} itself has them
 * (for {@code korch --server URL get pods}) and so does each client command (for
 * {@code korch get pods --server URL}); a value given after the subcommand wins.
 * {@link Connection} resolves them against the environment and the kubeconfig.
 */
public final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "URL of the korch API (default: env KORCH_SERVER, else the current context's cluster, else "
                    + Connection.DEFAULT_SERVER + ").")
    String server;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace to work in (default: the object's own, else the context's, else default).")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file to read contexts from (default: the first file of env KUBECONFIG,"
                    + " else ~/.korch/config).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "The kubeconfig context to use (default: its current-context).")
    String context;

    /** The flags as given, each null when not. */
    public ConfigFlags flags() {
        return new ConfigFlags(server, namespace, kubeconfig, context);
    }
}

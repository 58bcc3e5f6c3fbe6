package io.korch.cli.config;

import io.korch.cli.client.ApiClient;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a client command sends its requests and in which namespace it works, resolved as kubectl
 * resolves them: {@code --server}, else {@code KORCH_SERVER}, else the server of the context's
 * cluster, else {@value #DEFAULT_SERVER}; {@code -n}, else the context's namespace, else
 * {@code default}. The context is {@code --context}, else the file's {@code current-context}
 * ({@link ConfigFile} says which file).
 *
 * @param server        the API's base URL
 * @param namespace     the namespace of objects that name none
 * @param namespaceFlag the {@code -n} value, or null when not given
 * @param context       the context used, or "" when none
 */
public record Connection(String server, String namespace, String namespaceFlag, String context) {

    /** Where the API is when nothing says otherwise. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    /** The environment variable that names the API's URL, below --server and above the kubeconfig. */
    public static final String KORCH_SERVER = "KORCH_SERVER";

    /**
     * Resolves {@code flags} against the environment and the kubeconfig file.
     *
     * @throws IllegalArgumentException when the context named does not exist, its cluster has no
     *                                  server, or the kubeconfig file cannot be read
     */
    public static Connection resolve(ConfigFlags flags, Function<String, String> env, KorchHome home) {
        KubeConfig config = ConfigFile.choose(flags.kubeconfig(), env, home).read();
        String contextName = flags.context() != null ? flags.context() : config.currentContext();
        Optional<KubeConfig.Context> context = contextName.isEmpty() ? Optional.empty() : config.context(contextName);
        if (!contextName.isEmpty() && context.isEmpty()) {
            throw new IllegalArgumentException("context was not found for specified context: " + contextName);
        }
        String server = flags.server();
        if (server == null || server.isEmpty()) {
            server = env.apply(KORCH_SERVER);
        }
        if ((server == null || server.isEmpty()) && context.isPresent()) {
            server = config.server(context.get().cluster()).orElseThrow(() -> new IllegalArgumentException(
                    "cluster has no server defined (context \"" + contextName + "\" names cluster \""
                            + context.get().cluster() + "\")"));
        }
        if (server == null || server.isEmpty()) {
            server = DEFAULT_SERVER;
        }
        String namespace = flags.namespace();
        if (namespace == null || namespace.isEmpty()) {
            namespace = context.map(KubeConfig.Context::namespace).filter(ns -> !ns.isEmpty()).orElse("default");
        }
        return new Connection(server, namespace, flags.namespace(), context.map(KubeConfig.Context::name).orElse(""));
    }

    /** A client of the resolved API. */
    public ApiClient client() {
        return new ApiClient(server);
    }

    /** The namespace to use for objects that name none: {@code -n}, else the context's, else {@code default}. */
    public String namespaceOrDefault() {
        return namespace;
    }
}

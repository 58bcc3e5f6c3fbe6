package io.korch.cli.commands;

import io.korch.cli.client.ApiClient;
import picocli.CommandLine.Option;

/** The options every client command shares: which API to talk to and which namespace to work in. */
public final class ClientOptions {

    /** Where the API is when neither {@code --server} nor {@code KORCH_SERVER} says otherwise. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Option(names = "--server", paramLabel = "URL",
            defaultValue = "${env:KORCH_SERVER:-" + DEFAULT_SERVER + "}",
            description = "URL of the korch API (env KORCH_SERVER; default: " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace to work in (default: the object's own, else default).")
    String namespace;

    /** A client of the chosen API. */
    public ApiClient client() {
        return new ApiClient(server);
    }

    /** The {@code -n} value, or null when not given. */
    public String namespaceFlag() {
        return namespace;
    }

    /** The namespace to use for objects that name none: {@code -n}, else {@code default}. */
    public String namespaceOrDefault() {
        return namespace == null ? "default" : namespace;
    }
}

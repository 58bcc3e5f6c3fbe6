package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.CliContext;
import io.korch.cli.KorchCommand;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.ApiException;
import io.korch.cli.config.Connection;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Base of the client commands, which talk to the korch API (apply, get, describe, events, delete, scale,
 * history, api-resources):
 * the {@link ClientOptions} they all take, first among their options, resolved with those given
 * before the subcommand into a {@link Connection}; the streams and clock they use, and the reading
 * of named objects that get and describe share.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions options;

    private Connection connection;

    /** The API and namespace chosen by the connection flags, the environment and the kubeconfig. */
    final Connection options() {
        if (connection == null) {
            KorchCommand root = root();
            connection = Connection.resolve(options.flags().orElse(root.clientOptions().flags()),
                    context().env(), context().korchHome());
        }
        return connection;
    }

    /** Standard input, the clock and the environment. */
    final CliContext context() {
        return root().context();
    }

    private KorchCommand root() {
        return (KorchCommand) spec.root().userObject();
    }

    /** Where results go. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where refusals and notices go. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Reads the named objects of {@code kind}, in the order named. A name that does not exist is
     * reported to {@code refusals} and skipped; any other refusal ends the command.
     */
    final List<JsonNode> getNamed(ApiClient client, ApiKind kind, String namespace, List<String> names,
                                  Refusals refusals) {
        return getNamed(client, kind, namespace, names, Map.of(), refusals);
    }

    /** {@link #getNamed}, each request with {@code query} (whose null values are left out). */
    final List<JsonNode> getNamed(ApiClient client, ApiKind kind, String namespace, List<String> names,
                                  Map<String, String> query, Refusals refusals) {
        List<JsonNode> objects = new ArrayList<>();
        for (String name : names) {
            try {
                objects.add(client.get(ApiClient.withQuery(kind.objectPath(namespace, name), query)));
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                refusals.report(e);
            }
        }
        return objects;
    }

    /** Says on standard error that there is nothing to show, in {@code namespace} or, when null, anywhere. */
    final void reportNoneFound(String namespace) {
        PrintWriter err = err();
        err.println(namespace != null ? "No resources found in " + namespace + " namespace." : "No resources found");
        err.flush();
    }
}

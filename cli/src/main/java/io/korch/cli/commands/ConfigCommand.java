package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.cli.CliContext;
import io.korch.cli.KorchCommand;
import io.korch.cli.config.ConfigFile;
import io.korch.cli.config.KubeConfig;
import io.korch.cli.output.ObjectFormats;
import io.korch.cli.output.ObjectPrinter;
import io.korch.cli.output.OutputOption;
import io.korch.cli.output.Table;
import io.korch.cli.output.TableHeaders;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code korch config}: the contexts of the kubeconfig file korch reads ({@link ConfigFile}:
 * {@code --kubeconfig}, else the first file of {@code KUBECONFIG}, else {@code ~/.korch/config}),
 * in kubectl's words and formats.
 */
@Command(name = "config", sortOptions = false,
        description = "Show or switch the contexts of the kubeconfig file (--kubeconfig, else the first file of"
                + " KUBECONFIG, else ~/.korch/config).",
        subcommands = {ConfigCommand.View.class, ConfigCommand.CurrentContext.class, ConfigCommand.GetContexts.class,
                ConfigCommand.UseContext.class})
public final class ConfigCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: try korch config view, current-context, get-contexts or use-context NAME");
    }

    /** Base of the config subcommands: the connection options, which say which file, and the streams. */
    abstract static class Subcommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions options;

        /** The kubeconfig file chosen by {@code --kubeconfig} (before or after the subcommand), the environment and the home. */
        final ConfigFile file() {
            KorchCommand root = (KorchCommand) spec.root().userObject();
            CliContext context = root.context();
            String flag = options.flags().orElse(root.clientOptions().flags()).kubeconfig();
            return ConfigFile.choose(flag, context.env(), context.korchHome());
        }

        final PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** {@code korch config current-context}: the name of the current context. */
    @Command(name = "current-context", description = "Print the name of the current context.")
    static final class CurrentContext extends Subcommand {

        @Override
        public Integer call() {
            String current = file().read().currentContext();
            if (current.isEmpty()) {
                throw new CommandFailedException("current-context is not set");
            }
            out().println(current);
            out().flush();
            return 0;
        }
    }

    /** {@code korch config view}: the file as kubectl shows it, secrets left out unless {@code --raw}. */
    @Command(name = "view", sortOptions = false, description = "Show the kubeconfig, certificates and tokens left out.")
    static final class View extends Subcommand {

        /** The order of kubectl's JSON, which follows its Config struct; YAML sorts the keys. */
        private static final List<String> JSON_ORDER = List.of(
                "kind", "apiVersion", "preferences", "clusters", "users", "contexts", "current-context");

        @Option(names = "--raw", description = "Show certificates, keys and tokens too.")
        private boolean raw;

        @Option(names = "--minify", description = "Show only the current context, its cluster and its user.")
        private boolean minify;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
                description = "yaml (default), json or jsonpath=TEMPLATE.")
        private String output;

        @Override
        public Integer call() {
            OutputOption format;
            try {
                format = OutputOption.parse(output);
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(e.getMessage());
            }
            if (!format.document()) {
                throw new CommandFailedException("--output " + output + " is not available in kubectl config view");
            }
            JsonNode view = file().read().view(raw, minify);
            String text = switch (format.format()) {
                case yaml -> KubeConfig.yaml(view);
                case json -> ObjectFormats.json(inJsonOrder((ObjectNode) view));
                default -> ObjectPrinter.document(format, view);
            };
            out().print(text);
            out().flush();
            return 0;
        }

        private static ObjectNode inJsonOrder(ObjectNode view) {
            ObjectNode ordered = nameFirst(view, JSON_ORDER);
            for (String list : List.of("clusters", "users", "contexts")) {
                if (ordered.get(list) instanceof ArrayNode entries) {
                    ArrayNode reordered = ordered.putArray(list);
                    entries.forEach(entry -> reordered.add(entry instanceof ObjectNode object
                            ? nameFirst(object, List.of("name")) : entry));
                }
            }
            return ordered;
        }

        /** {@code object} with the {@code first} keys first, in that order, then the others as they were. */
        private static ObjectNode nameFirst(ObjectNode object, List<String> first) {
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            first.stream().filter(object::has).forEach(key -> ordered.set(key, object.get(key)));
            object.fields().forEachRemaining(field -> {
                if (!ordered.has(field.getKey())) {
                    ordered.set(field.getKey(), field.getValue());
                }
            });
            return ordered;
        }
    }

    /** {@code korch config get-contexts [NAME]}: kubectl's table of contexts, the current one starred. */
    @Command(name = "get-contexts", sortOptions = false, description = "List the contexts; * marks the current one.")
    static final class GetContexts extends Subcommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Show only this context.")
        private String name;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "name: only the names.")
        private String output;

        @Option(names = "--no-headers", description = "Leave out the header line.")
        private boolean noHeaders;

        @Override
        public Integer call() {
            if (output != null && !output.equals("name")) {
                throw new CommandFailedException("output must be one of '' or 'name': " + output);
            }
            KubeConfig config = file().read();
            List<KubeConfig.Context> contexts = config.contexts().stream()
                    .filter(context -> name == null || context.name().equals(name))
                    .sorted(Comparator.comparing(KubeConfig.Context::name))
                    .toList();
            PrintWriter out = out();
            if ("name".equals(output)) {
                contexts.forEach(context -> out.println(context.name()));
            } else {
                Table table = Table.of("CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE");
                for (KubeConfig.Context context : contexts) {
                    table.row(context.name().equals(config.currentContext()) ? "*" : "", context.name(),
                            context.cluster(), context.user(), context.namespace());
                }
                out.print(TableHeaders.render(table, !noHeaders));
            }
            out.flush();
            if (name != null && contexts.isEmpty()) {
                throw new CommandFailedException("context " + name + " not found");
            }
            return 0;
        }
    }

    /** {@code korch config use-context NAME}: makes NAME the current context of the file. */
    @Command(name = "use-context", description = "Make NAME the current context.")
    static final class UseContext extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The context to use from now on.")
        private String name;

        @Override
        public Integer call() {
            ConfigFile file = file();
            KubeConfig config = file.read();
            if (config.context(name).isEmpty()) {
                throw new CommandFailedException("no context exists with the name: \"" + name + "\"");
            }
            config.withCurrentContext(name).write(file.path());
            out().println("Switched to context \"" + name + "\".");
            out().flush();
            return 0;
        }
    }
}

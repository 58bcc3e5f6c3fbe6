package io.korch.cli.commands;

import io.korch.cli.client.ApiResource;
import io.korch.cli.client.Discovery;
import io.korch.cli.output.ApiResourceTables;
import io.korch.cli.output.TableHeaders;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch api-resources}: the resources the server says it serves ({@link Discovery}), in
 * kubectl's table and order.
 */
@Command(name = "api-resources", sortOptions = false,
        description = "List the resources the server serves, from its discovery documents (/api/v1, /apis).")
public final class ApiResourcesCommand extends ClientCommand {

    @Option(names = "--namespaced", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "true: only namespaced resources; false: only cluster-wide ones (default: both).")
    private Boolean namespaced;

    @Option(names = "--api-group", paramLabel = "GROUP", description = "Only the resources of this group (\"\" for core).")
    private String apiGroup;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "wide (with VERBS and CATEGORIES) or name.")
    private String output;

    @Option(names = "--no-headers", description = "Leave out the header line.")
    private boolean noHeaders;

    @Override
    public Integer call() {
        if (output != null && !output.equals("wide") && !output.equals("name")) {
            throw new CommandFailedException("--output " + output + " is not available");
        }
        List<ApiResource> resources = new Discovery(options().client()).resources().stream()
                .filter(resource -> namespaced == null || resource.namespaced() == namespaced)
                .filter(resource -> apiGroup == null || resource.group().equals(apiGroup))
                .sorted(ApiResourceTables.BY_GROUP_AND_NAME)
                .toList();
        PrintWriter out = out();
        if ("name".equals(output)) {
            out.print(ApiResourceTables.names(resources));
        } else {
            out.print(TableHeaders.render(ApiResourceTables.table(resources, "wide".equals(output)), !noHeaders));
        }
        out.flush();
        return 0;
    }
}

package io.korch.cli;

import io.korch.cli.commands.AgentCommand;
import io.korch.cli.commands.ApiResourcesCommand;
import io.korch.cli.commands.ApplyCommand;
import io.korch.cli.commands.AutoscaleCommand;
import io.korch.cli.commands.ClientOptions;
import io.korch.cli.commands.ConfigCommand;
import io.korch.cli.commands.ControllersCommand;
import io.korch.cli.commands.DeleteCommand;
import io.korch.cli.commands.DescribeCommand;
import io.korch.cli.commands.DevCommand;
import io.korch.cli.commands.EventsCommand;
import io.korch.cli.commands.ExecCommand;
import io.korch.cli.commands.GatewayCommand;
import io.korch.cli.commands.GetCommand;
import io.korch.cli.commands.HistoryCommand;
import io.korch.cli.commands.HollowNodesCommand;
import io.korch.cli.commands.LogsCommand;
import io.korch.cli.commands.PortForwardCommand;
import io.korch.cli.commands.RolloutCommand;
import io.korch.cli.commands.ScaleCommand;
import io.korch.cli.commands.SchedulerCommand;
import io.korch.cli.commands.TopCommand;
import io.korch.cli.commands.VersionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code korch} command: client commands that talk to the REST API (apply, get, describe,
 * events, delete, logs, exec, port-forward, scale, history, api-resources), {@code config} for the contexts of the
 * kubeconfig, {@code dev} for a whole cluster in one process, and one command per service for
 * running them separately. The connection options ({@link ClientOptions}) may come before the
 * command as well as after it.
 */
@Command(name = "korch", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = KorchVersion.class,
        description = "korch: a container orchestrator whose control plane runs on Kafka.",
        footer = {"",
                "--server, -n, --kubeconfig and --context go before or after the command. The API is --server,"
                        + " else env KORCH_SERVER, else the server of the current context's cluster (--context to"
                        + " choose another), else http://127.0.0.1:8080; the namespace is -n, else the context's, else"
                        + " default. Contexts are read from --kubeconfig FILE, else the first file of env KUBECONFIG,"
                        + " else ~/.korch/config (env KORCH_HOME moves ~/.korch), to which korch dev adds korch-dev.",
                "Errors exit with 1."},
        subcommands = {
                ApplyCommand.class, GetCommand.class, DescribeCommand.class, EventsCommand.class, DeleteCommand.class,
                LogsCommand.class, ExecCommand.class, PortForwardCommand.class, ScaleCommand.class, RolloutCommand.class,
                AutoscaleCommand.class, TopCommand.class, HistoryCommand.class, ApiResourcesCommand.class, ConfigCommand.class, VersionCommand.class,
                DevCommand.class, GatewayCommand.class,
                ControllersCommand.class, SchedulerCommand.class, AgentCommand.class, HollowNodesCommand.class,
                HelpCommand.class})
public final class KorchCommand implements Runnable {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions clientOptions;

    public KorchCommand(CliContext context) {
        this.context = context;
    }

    /** The streams and clock commands use. */
    public CliContext context() {
        return context;
    }

    /** The connection options given before the subcommand. */
    public ClientOptions clientOptions() {
        return clientOptions;
    }

    /** Without a command, prints the help and succeeds, as kubectl does. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }
}

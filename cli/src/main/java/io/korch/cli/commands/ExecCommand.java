package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.agent.server.ChannelProtocol;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.PodStreamClient;
import io.korch.model.ApiKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch exec POD [-c C] [-i] [-t] -- COMMAND [ARG...]}: runs a command in a pod's container through
 * {@code pods/exec}, as kubectl does: output to standard output and error, standard input forwarded with
 * {@code -i} (its end ends the command's input), with {@code -t} a terminal, the local one switched to raw mode
 * while the command runs ({@link LocalTerminal}). The command's exit code becomes korch's, with kubectl's
 * {@code command terminated with exit code N}.
 */
@Command(name = "exec", sortOptions = false, description = "Run a command in a container of a pod.")
public final class ExecCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "POD", description = "The pod, or pod/NAME.")
    private String target;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    private List<String> command = new ArrayList<>();

    @Option(names = {"-c", "--container"}, paramLabel = "NAME", description = "The container; defaults to the pod's default container.")
    private String container;

    @Option(names = {"-i", "--stdin"}, description = "Pass standard input to the command.")
    private boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Run the command on a terminal.")
    private boolean tty;

    @Override
    public Integer call() throws InterruptedException {
        if (command.isEmpty()) {
            throw new CommandFailedException("you must specify at least one command for the container");
        }
        ApiClient client = options().client();
        String namespace = options().namespaceOrDefault();
        JsonNode pod = client.get(ApiKind.POD.objectPath(namespace, podName()));
        PodContainerChoice.requireNotCompleted(pod);
        String chosen = PodContainerChoice.container(pod, container, line -> {
            err().println(line);
            err().flush();
        });
        LocalTerminal terminal = tty ? LocalTerminal.attached() : null;
        if (tty && terminal == null) {
            err().println("Unable to use a TTY - input is not a terminal or the right kind of file");
            err().flush();
        }
        String path = path(namespace, chosen, terminal != null);
        return run(new PodStreamClient(client), path, terminal);
    }

    /** The pod's name from {@code POD} or {@code pod/NAME}. */
    String podName() {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return target;
        }
        if (KindArguments.kind(target.substring(0, slash)) != ApiKind.POD) {
            throw new CommandFailedException("korch exec runs commands in pods: name a pod, not " + target);
        }
        return target.substring(slash + 1);
    }

    /** The {@code pods/exec} path with its query, kubectl's parameters. */
    String path(String namespace, String chosen, boolean withTty) {
        StringBuilder path = new StringBuilder(ApiKind.POD.objectPath(namespace, podName())).append("/exec?");
        path.append("container=").append(encode(chosen));
        for (String word : command) {
            path.append("&command=").append(encode(word));
        }
        if (stdin) {
            path.append("&stdin=true");
        }
        path.append("&stdout=true");
        if (withTty) {
            path.append("&tty=true");
        } else {
            path.append("&stderr=true");
        }
        return path.toString();
    }

    private int run(PodStreamClient streams, String path, LocalTerminal terminal) throws InterruptedException {
        PrintStream out = context().stdout();
        PrintWriter errors = err();
        PodStreamClient.ExecConnection connection = streams.exec(path, new PodStreamClient.ExecStreams() {
            @Override
            public void stdout(byte[] bytes) {
                out.write(bytes, 0, bytes.length);
                out.flush();
            }

            @Override
            public void stderr(byte[] bytes) {
                errors.write(new String(bytes, StandardCharsets.UTF_8));
                errors.flush();
            }
        });
        try (LocalTerminal raw = terminal == null ? null : terminal.raw()) {
            if (raw != null) {
                raw.size().ifPresent(size -> connection.resize(size[0], size[1]));
            }
            if (stdin) {
                forwardInput(connection);
            }
            int exitCode = connection.exitCode().get();
            if (exitCode != 0) {
                err().println("command terminated with exit code " + exitCode);
                err().flush();
            }
            return exitCode;
        } catch (ExecutionException e) {
            throw new CommandFailedException(e.getCause() instanceof ChannelProtocol.ExecFailure failure
                    ? failure.getMessage() : String.valueOf(e.getCause()));
        }
    }

    /** Copies standard input to the command on a thread of its own, and ends the command's input at its end. */
    private void forwardInput(PodStreamClient.ExecConnection connection) {
        InputStream input = context().stdin().get();
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = input.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        connection.stdin(Arrays.copyOf(buffer, n));
                    }
                }
                connection.closeStdin();
            } catch (IOException | RuntimeException e) {
                connection.closeStdin();
            }
        }, "korch-exec-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

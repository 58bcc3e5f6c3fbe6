package io.korch.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.korch.agent.DaemonThreads;
import io.korch.agent.runtime.ExecListener;
import io.korch.agent.runtime.ExecRequest;
import io.korch.agent.runtime.ExecSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command in a container as {@code docker exec} does: creates the exec with docker-java, then starts it
 * on a connection of its own that Docker hijacks ({@code Upgrade: tcp}), reads the command's output from it
 * (Docker's 8-byte stream headers without a tty, raw bytes with one) and writes its input to it. Ending the
 * input half-closes that connection, which is how Docker learns that standard input ended; docker-java's
 * transport cannot do that, hence the connection of its own. Once the output ends, the exit code comes from
 * inspecting the exec.
 */
final class DockerExec implements ExecSession {

    private static final Logger LOG = LoggerFactory.getLogger(DockerExec.class);
    /** Docker may record the exit code a moment after the output ended: how often and how long to look. */
    private static final int EXIT_CODE_LOOKS = 50;
    private static final long EXIT_CODE_LOOK_MILLIS = 20;

    private final DockerClient docker;
    private final String execId;
    private final boolean tty;
    private final SocketChannel channel;

    private DockerExec(DockerClient docker, String execId, boolean tty, SocketChannel channel) {
        this.docker = docker;
        this.execId = execId;
        this.tty = tty;
        this.channel = channel;
    }

    static ExecSession start(DockerClient docker, URI dockerHost, String containerId, ExecRequest request,
                             ExecListener listener) {
        requireRunning(docker, containerId);
        String execId = docker.execCreateCmd(containerId)
                .withCmd(request.command().toArray(String[]::new))
                .withAttachStdin(request.stdin())
                .withAttachStdout(request.stdout())
                .withAttachStderr(request.stderr() && !request.tty())
                .withTty(request.tty())
                .exec()
                .getId();
        SocketChannel channel = connect(dockerHost);
        try {
            InputStream output = Channels.newInputStream(channel);
            String body = "{\"Detach\":false,\"Tty\":" + request.tty() + "}";
            String head = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n" + body;
            write(channel, head.getBytes(StandardCharsets.UTF_8));
            readResponseHead(output);
            DockerExec session = new DockerExec(docker, execId, request.tty(), channel);
            Thread reader = DaemonThreads.thread(() -> session.pump(output, listener), "korch-exec-" + execId.substring(0, 12));
            reader.start();
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e instanceof IOException io ? new UncheckedIOException("cannot start exec: " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    @Override
    public void stdin(byte[] bytes) {
        try {
            synchronized (channel) {
                write(channel, bytes);
            }
        } catch (IOException e) {
            LOG.debug("exec {}: input not delivered: {}", execId, e.getMessage());
        }
    }

    @Override
    public void closeStdin() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("exec {}: cannot end input: {}", execId, e.getMessage());
        }
    }

    @Override
    public void resize(int width, int height) {
        if (!tty || width <= 0 || height <= 0) {
            return;
        }
        try {
            docker.resizeExecCmd(execId).withSize(height, width).exec();
        } catch (RuntimeException e) {
            LOG.debug("exec {}: cannot resize its terminal: {}", execId, e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private void pump(InputStream output, ExecListener listener) {
        try {
            if (tty) {
                byte[] buffer = new byte[8192];
                for (int n; (n = output.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        listener.stdout(Arrays.copyOf(buffer, n));
                    }
                }
            } else {
                demultiplex(output, listener);
            }
        } catch (IOException e) {
            if (channel.isOpen()) {
                closeQuietly(channel);
                listener.failed(e);
                return;
            }
        }
        closeQuietly(channel);
        awaitExitCode(listener, EXIT_CODE_LOOKS);
    }

    /** Docker's stream framing: 1 byte stream (1 stdout, 2 stderr), 3 zero bytes, 4 bytes big-endian length. */
    private static void demultiplex(InputStream output, ExecListener listener) throws IOException {
        byte[] header = new byte[8];
        while (output.readNBytes(header, 0, 8) == 8) {
            int length = ByteBuffer.wrap(header, 4, 4).getInt();
            byte[] payload = output.readNBytes(length);
            if (header[0] == 2) {
                listener.stderr(payload);
            } else {
                listener.stdout(payload);
            }
        }
    }

    private void awaitExitCode(ExecListener listener, int looksLeft) {
        InspectExecResponse exec;
        try {
            exec = docker.inspectExecCmd(execId).exec();
        } catch (RuntimeException e) {
            listener.failed(e);
            return;
        }
        if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
            listener.exited(exec.getExitCodeLong().intValue());
        } else if (looksLeft > 0) {
            CompletableFuture.runAsync(() -> awaitExitCode(listener, looksLeft - 1),
                    CompletableFuture.delayedExecutor(EXIT_CODE_LOOK_MILLIS, TimeUnit.MILLISECONDS));
        } else {
            listener.failed(new IllegalStateException("the command's output ended but Docker reports no exit code"));
        }
    }

    private static void requireRunning(DockerClient docker, String containerId) {
        try {
            InspectContainerResponse inspect = docker.inspectContainerCmd(containerId).exec();
            if (!Boolean.TRUE.equals(inspect.getState().getRunning())) {
                throw new IllegalArgumentException("container " + containerId + " is not running");
            }
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("no such container: " + containerId, e);
        }
    }

    private static SocketChannel connect(URI dockerHost) {
        try {
            if ("unix".equals(dockerHost.getScheme())) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(dockerHost.getPath()));
                return channel;
            }
            if ("tcp".equals(dockerHost.getScheme())) {
                return SocketChannel.open(new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to Docker at " + dockerHost + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("exec needs a unix:// or tcp:// Docker host, not " + dockerHost);
    }

    /** Reads the answer's head; Docker answers 101 when it hijacks the connection (older versions 200). */
    private static void readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Docker closed the connection before answering");
            }
            head.append((char) b);
        }
        String text = head.toString();
        String status = text.lines().findFirst().orElse("");
        if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
            throw new IllegalStateException("Docker refused to start the exec: " + status + " "
                    + new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim());
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("cannot close the exec connection: {}", e.getMessage());
        }
    }
}

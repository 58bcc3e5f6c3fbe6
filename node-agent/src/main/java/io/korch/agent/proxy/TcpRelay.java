package io.korch.agent.proxy;

import io.korch.agent.services.ServiceEntry.Backend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied TCP connection, on one {@link ProxyLoop}: connects to the endpoint the {@link Balancer} picks
 * (another one when that fails, or does not answer within {@link #CONNECT_TIMEOUT_NANOS} while another one is
 * left to try; when none is left, the client is reset), then copies bytes both ways. Each direction stops reading while its bytes wait to
 * be written (back-pressure), passes an end of stream on as a half close, and a reset or error closes both
 * sides; the relay ends when both directions have ended.
 */
final class TcpRelay implements ProxyLoop.Handler {

    /** How long a connect to one endpoint may take before the next one is tried. */
    static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(TcpRelay.class);

    private final SocketChannel client;
    private final Balancer balancer;
    private final ProxyLoop loop;
    private final Set<Backend> tried = new HashSet<>(2);
    private InetAddress clientAddress;
    private SocketChannel backend;
    private Backend chosen;
    private SelectionKey clientKey;
    private SelectionKey backendKey;
    private Direction up;
    private Direction down;
    private boolean closed;

    TcpRelay(SocketChannel client, Balancer balancer, ProxyLoop loop) {
        this.client = client;
        this.balancer = balancer;
        this.loop = loop;
    }

    /** Starts connecting to an endpoint; call on the relay's loop. */
    void start() {
        try {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            clientAddress = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
            connectNext();
        } catch (IOException e) {
            LOG.debug("client went before it was relayed: {}", e.toString());
            close(true);
        }
    }

    private void connectNext() {
        closeBackend();
        chosen = balancer.pick(clientAddress, tried);
        if (chosen == null) {
            LOG.debug("{}: no endpoint of {} answered", clientAddress, balancer.target().name());
            close(true);
            return;
        }
        tried.add(chosen);
        try {
            backend = SocketChannel.open();
            backend.configureBlocking(false);
            backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (backend.connect(new InetSocketAddress(chosen.ip(), chosen.port()))) {
                connected();
            } else {
                backendKey = backend.register(loop.selector(), SelectionKey.OP_CONNECT, this);
                if (tried.size() >= balancer.target().backends().size()) {
                    return; // the last endpoint left: its connect runs to the kernel's own timeout
                }
                SocketChannel attempt = backend;
                loop.schedule(CONNECT_TIMEOUT_NANOS, () -> {
                    if (attempt == backend && up == null && !closed) {
                        LOG.debug("{}: connect to {} timed out", balancer.target().name(), chosen);
                        connectNext();
                    }
                });
            }
        } catch (IOException e) {
            LOG.debug("{}: connect to {} failed: {}", balancer.target().name(), chosen, e.toString());
            connectNext();
        }
    }

    private void connected() throws IOException {
        balancer.connected(clientAddress, chosen);
        up = new Direction(client, backend);
        down = new Direction(backend, client);
        if (backendKey == null) {
            backendKey = backend.register(loop.selector(), SelectionKey.OP_READ, this);
        } else {
            backendKey.interestOps(SelectionKey.OP_READ);
        }
        clientKey = client.register(loop.selector(), SelectionKey.OP_READ, this);
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            if (up == null) {
                if (key.isConnectable()) {
                    try {
                        backend.finishConnect();
                    } catch (IOException e) {
                        LOG.debug("{}: connect to {} failed: {}", balancer.target().name(), chosen, e.toString());
                        connectNext();
                        return;
                    }
                    connected();
                }
                return;
            }
            boolean isClient = key.channel() == client;
            if (key.isWritable()) {
                (isClient ? down : up).flush();
            }
            if (!closed && key.isValid() && key.isReadable()) {
                (isClient ? up : down).read();
            }
            if (up.shutDown && down.shutDown) {
                close(false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: relay ended: {}", balancer.target().name(), e.toString());
            close(true);
        }
    }

    private SelectionKey keyOf(SocketChannel channel) {
        return channel == client ? clientKey : backendKey;
    }

    private static void interest(SelectionKey key, int op, boolean on) {
        if (key.isValid()) {
            int ops = key.interestOps();
            int wanted = on ? ops | op : ops & ~op;
            if (wanted != ops) {
                key.interestOps(wanted);
            }
        }
    }

    private void closeBackend() {
        if (backend != null) {
            try {
                backend.close();
            } catch (IOException e) {
                LOG.debug("closing a backend socket: {}", e.toString());
            }
            backend = null;
            backendKey = null;
        }
    }

    /** Closes both sides; with {@code reset}, the client gets a reset rather than an orderly close. */
    private void close(boolean reset) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reset && client.isOpen()) {
                client.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            LOG.debug("setting SO_LINGER: {}", e.toString());
        }
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing a client socket: {}", e.toString());
        }
        closeBackend();
        if (up != null) {
            up.release();
            down.release();
        }
    }

    /** One direction of the relay: reads {@code from}, writes {@code to}. */
    private final class Direction {
        private final SocketChannel from;
        private final SocketChannel to;
        private ByteBuffer buffer;
        private boolean endOfStream;
        private boolean shutDown;

        Direction(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
            this.buffer = loop.takeBuffer();
        }

        void read() throws IOException {
            if (from.read(buffer) < 0) {
                endOfStream = true;
            }
            flush();
        }

        /** Writes what the buffer holds; reads again once it is empty, or passes the end of stream on. */
        void flush() throws IOException {
            buffer.flip();
            to.write(buffer);
            boolean pending = buffer.hasRemaining();
            buffer.compact();
            interest(keyOf(from), SelectionKey.OP_READ, !pending && !endOfStream);
            interest(keyOf(to), SelectionKey.OP_WRITE, pending);
            if (!pending && endOfStream && !shutDown) {
                shutDown = true;
                to.shutdownOutput();
            }
        }

        void release() {
            if (buffer != null) {
                loop.returnBuffer(buffer);
                buffer = null;
            }
        }
    }
}

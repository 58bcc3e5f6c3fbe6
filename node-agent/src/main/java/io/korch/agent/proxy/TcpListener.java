package io.korch.agent.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listened TCP address of the node proxy: one socket per {@link ProxyLoop}, each bound with
 * {@code SO_REUSEPORT}, so the kernel spreads the connections over the loops (and over the agents of the
 * machine, which bind the same addresses) and each connection becomes a {@link TcpRelay} on the loop that
 * accepted it, with no hand-over between threads. The endpoints can be replaced while it listens
 * ({@link #update}); new connections use the new ones.
 */
final class TcpListener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 1024;

    private final ListenAddress address;
    private final List<Acceptor> acceptors;
    private volatile Balancer balancer;

    private TcpListener(ListenAddress address, Balancer balancer) {
        this.address = address;
        this.balancer = balancer;
        this.acceptors = new ArrayList<>();
    }

    /**
     * Binds {@code address} now, once per loop, and starts accepting.
     *
     * @throws IOException when the address cannot be bound
     */
    static TcpListener open(ListenAddress address, Balancer balancer, ProxyLoops loops) throws IOException {
        TcpListener listener = new TcpListener(address, balancer);
        try {
            for (ProxyLoop loop : loops.all()) {
                listener.acceptors.add(listener.new Acceptor(bind(address), loop));
            }
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        listener.acceptors.forEach(acceptor -> acceptor.loop.execute(acceptor::register));
        return listener;
    }

    private static ServerSocketChannel bind(ListenAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(new InetSocketAddress(address.ip(), address.port()), BACKLOG);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    ListenAddress address() {
        return address;
    }

    Balancer balancer() {
        return balancer;
    }

    /** New connections go to the endpoints of {@code target} from now on. */
    void update(ForwardTarget target) {
        balancer = balancer.withTarget(target);
    }

    /**
     * Stops listening: the sockets are closed before this returns (a registered socket is released only when its
     * loop deregisters it, so that is done on each loop), and a later connection is refused by the kernel (or
     * taken by another agent's socket of the same address); connections already relayed go on.
     */
    void close() {
        acceptors.forEach(Acceptor::close);
    }

    /** The socket of one loop. */
    private final class Acceptor implements ProxyLoop.Handler {
        private final ServerSocketChannel channel;
        private final ProxyLoop loop;

        Acceptor(ServerSocketChannel channel, ProxyLoop loop) {
            this.channel = channel;
            this.loop = loop;
        }

        void register() {
            try {
                channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
            } catch (ClosedChannelException e) {
                LOG.debug("{} closed before it was registered", address);
            }
        }

        @Override
        public void ready(SelectionKey key) {
            try {
                SocketChannel client;
                while ((client = channel.accept()) != null) {
                    new TcpRelay(client, balancer, loop).start();
                }
            } catch (IOException e) {
                LOG.debug("{}: accept failed: {}", address, e.toString());
            }
        }

        void close() {
            loop.executeAndWait(() -> {
                try {
                    SelectionKey key = channel.keyFor(loop.selector());
                    if (key != null) {
                        key.cancel();
                    }
                    channel.close();
                    loop.selector().selectNow();
                } catch (IOException e) {
                    LOG.debug("closing {}: {}", address, e.toString());
                }
            });
        }
    }
}

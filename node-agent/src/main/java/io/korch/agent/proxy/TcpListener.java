package io.korch.agent.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listened TCP address of the node proxy: a socket bound with {@code SO_REUSEPORT} (the agents of one
 * machine bind the same addresses and the kernel spreads the connections over them), whose connections each
 * become a {@link TcpRelay} on the next loop. The endpoints can be replaced while it listens
 * ({@link #update}); new connections use the new ones.
 */
final class TcpListener implements ProxyLoop.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 1024;

    private final ListenAddress address;
    private final ServerSocketChannel channel;
    private final ProxyLoop loop;
    private final ProxyLoops loops;
    private volatile Balancer balancer;

    private TcpListener(ListenAddress address, ServerSocketChannel channel, ProxyLoop loop, ProxyLoops loops,
                        Balancer balancer) {
        this.address = address;
        this.channel = channel;
        this.loop = loop;
        this.loops = loops;
        this.balancer = balancer;
    }

    /**
     * Binds {@code address} now and starts accepting on one of {@code loops}.
     *
     * @throws IOException when the address cannot be bound
     */
    static TcpListener open(ListenAddress address, Balancer balancer, ProxyLoops loops) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(new InetSocketAddress(address.ip(), address.port()), BACKLOG);
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        ProxyLoop loop = loops.next();
        TcpListener listener = new TcpListener(address, channel, loop, loops, balancer);
        loop.execute(listener::register);
        return listener;
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

    private void register() {
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
                TcpRelay relay = new TcpRelay(client, balancer, loops.next());
                relay.start();
            }
        } catch (IOException e) {
            LOG.debug("{}: accept failed: {}", address, e.toString());
        }
    }

    /**
     * Stops listening: the socket is closed before this returns (a registered socket is released only when its
     * loop deregisters it, so that is done on the loop), and a later connection is refused by the kernel (or
     * taken by another agent's socket of the same address); connections already relayed go on.
     */
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

package io.korch.agent.dns;

import io.korch.agent.DaemonThreads;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link ClusterDns} on one address over UDP and TCP, both sockets bound with {@code SO_REUSEPORT} so
 * the agents of one machine share {@code 10.96.0.10:53}. One thread answers the UDP queries; each TCP
 * connection (length-prefixed messages, RFC 1035 4.2.2) gets a thread of a bounded pool, and is closed after
 * {@link #TCP_IDLE_MILLIS} without a query.
 */
public final class DnsServer implements AutoCloseable {

    static final int TCP_IDLE_MILLIS = 10_000;
    private static final int MAX_TCP_CONNECTIONS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);

    private final ClusterDns dns;
    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final ExecutorService connections;
    private final InetSocketAddress address;
    private volatile boolean closed;

    private DnsServer(ClusterDns dns, DatagramChannel udp, ServerSocketChannel tcp, InetSocketAddress address) {
        this.dns = dns;
        this.udp = udp;
        this.tcp = tcp;
        this.address = address;
        this.connections = new ThreadPoolExecutor(0, MAX_TCP_CONNECTIONS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("korch-dns-tcp"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Binds {@code address} over UDP and TCP and starts answering.
     *
     * @throws IOException when either socket cannot be bound
     */
    public static DnsServer start(InetSocketAddress address, ClusterDns dns) throws IOException {
        DatagramChannel udp = DatagramChannel.open();
        ServerSocketChannel tcp = ServerSocketChannel.open();
        try {
            udp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            udp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            udp.bind(address);
            tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            tcp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            tcp.bind(new InetSocketAddress(address.getAddress(), ((InetSocketAddress) udp.getLocalAddress()).getPort()));
        } catch (IOException | RuntimeException e) {
            udp.close();
            tcp.close();
            throw e;
        }
        DnsServer server = new DnsServer(dns, udp, tcp, (InetSocketAddress) udp.getLocalAddress());
        DaemonThreads.thread(server::serveUdp, "korch-dns-udp").start();
        DaemonThreads.thread(server::acceptTcp, "korch-dns-accept").start();
        return server;
    }

    /** The address served, with its port. */
    public InetSocketAddress address() {
        return address;
    }

    private void serveUdp() {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress client = udp.receive(buffer);
                buffer.flip();
                byte[] query = new byte[buffer.remaining()];
                buffer.get(query);
                udp.send(ByteBuffer.wrap(dns.answer(query, true)), client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("DNS over UDP: {}", e.toString());
                }
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                SocketChannel client = tcp.accept();
                try {
                    connections.execute(() -> serveTcp(client));
                } catch (RejectedExecutionException e) {
                    client.close();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("DNS over TCP: {}", e.toString());
                }
            }
        }
    }

    private void serveTcp(SocketChannel client) {
        try (client) {
            client.socket().setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(client.socket().getInputStream());
            OutputStream out = client.socket().getOutputStream();
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                byte[] answer = dns.answer(query, false);
                byte[] framed = new byte[answer.length + 2];
                framed[0] = (byte) (answer.length >> 8);
                framed[1] = (byte) answer.length;
                System.arraycopy(answer, 0, framed, 2, answer.length);
                out.write(framed);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("DNS over TCP: {}", e.toString());
        }
    }

    /** Stops answering and closes both sockets. */
    @Override
    public void close() {
        closed = true;
        try {
            udp.close();
        } catch (IOException e) {
            LOG.debug("closing the DNS UDP socket: {}", e.toString());
        }
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the DNS TCP socket: {}", e.toString());
        }
        connections.shutdownNow();
    }
}

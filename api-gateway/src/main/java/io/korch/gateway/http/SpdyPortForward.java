package io.korch.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's end of kubectl's port-forward since 1.31: SPDY/3.1 tunnelled over a WebSocket (subprotocol
 * {@value #PROTOCOL}), one binary message carrying any slice of the SPDY byte stream. The gateway speaks SPDY
 * itself, with Netty's SPDY frame codec, the way the kubelet serves it: every local connection of the client
 * opens two streams sharing a {@code requestID} header, an error stream and a data stream with the
 * {@code port} header; each stream is answered with a SYN_REPLY, and a complete pair becomes one
 * {@link Connection} to the agent ({@link PortForwardConnection}). The client's end of the data stream (its FIN) is
 * passed on as a half-close; when the agent's side ends, the error stream and the data stream are ended in turn.
 * Pings are answered; a pair whose second stream does not come within {@link #STREAM_CREATION_TIMEOUT} is ended
 * with the kubelet's message. Runs on the client socket's event loop.
 */
final class SpdyPortForward {

    /** The WebSocket subprotocol of SPDY tunnelled for port-forward. */
    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** How long a pair waits for its second stream, the kubelet's default. */
    static final Duration STREAM_CREATION_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SpdyPortForward.class);
    private static final String STREAM_TYPE = "streamtype";
    private static final String PORT = "port";
    private static final String REQUEST_ID = "requestid";

    /** How a pair reaches the pod's port: the gateway's connection to the agent, told where to send what it gets. */
    interface Connection {
        /** Bytes from the client for the pod. */
        void write(byte[] data);

        /** The client wrote all it will. */
        void endWriting();

        /** Ends the connection. */
        void close();

        /** The client's socket can take more again. */
        void resume();
    }

    /** What a {@link Connection} reports back. */
    interface Peer {
        /** Bytes from the pod. */
        void data(byte[] data);

        /** A failure to forward, in words for the client. */
        void error(String message);

        /** The connection ended; nothing more comes. */
        void ended();

        /** Whether the client's socket cannot take more for now; the connection should pause until resumed. */
        boolean clientBusy();

        /** Stops reading the client while the pod's side cannot take more. */
        void pauseClient();

        /** Reads the client again. */
        void resumeClient();
    }

    private final Vertx vertx;
    private final ServerWebSocket client;
    private final ConnectionFactory connections;
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Map<String, Pair> pairs = new HashMap<>();
    private final Map<Integer, Pair> byStream = new HashMap<>();
    private boolean closed;

    /** Opens a connection to {@code port} of the pod, reporting to {@code peer}. */
    @FunctionalInterface
    interface ConnectionFactory {
        Connection open(int port, Peer peer);
    }

    SpdyPortForward(Vertx vertx, ServerWebSocket client, ConnectionFactory connections) {
        this.vertx = vertx;
        this.client = client;
        this.connections = connections;
    }

    void start() {
        client.binaryMessageHandler(this::received);
        client.closeHandler(v -> shutDown());
        client.drainHandler(v -> pairs.values().forEach(Pair::resume));
        client.exceptionHandler(e -> {
            LOG.debug("port-forward tunnel from {} failed: {}", client.remoteAddress(), e.getMessage());
            shutDown();
        });
    }

    private void received(Buffer bytes) {
        if (closed) {
            return;
        }
        try {
            codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        } catch (RuntimeException e) {
            LOG.debug("port-forward tunnel from {} sent a bad SPDY frame: {}", client.remoteAddress(), e.getMessage());
            send(new DefaultSpdyGoAwayFrame(0, 1));
            flush();
            client.close();
            shutDown();
            return;
        }
        for (Object frame; (frame = codec.readInbound()) != null; ) {
            try {
                handle(frame);
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
        flush();
    }

    private void handle(Object frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            opened(syn);
        } else if (frame instanceof SpdyDataFrame data) {
            Pair pair = byStream.get(data.streamId());
            if (pair != null && data.streamId() == pair.dataStream) {
                byte[] bytes = new byte[data.content().readableBytes()];
                data.content().readBytes(bytes);
                pair.fromClient(bytes, data.isLast());
            }
        } else if (frame instanceof SpdyRstStreamFrame reset) {
            Pair pair = byStream.get(reset.streamId());
            if (pair != null) {
                pair.reset();
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            send(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyGoAwayFrame) {
            client.close();
        }
    }

    /** A new stream: checked as the kubelet checks it, answered, and added to the pair of its request. */
    private void opened(SpdySynStreamFrame syn) {
        int id = syn.streamId();
        String portHeader = syn.headers().getAsString(PORT);
        String streamType = syn.headers().getAsString(STREAM_TYPE);
        String problem = problem(portHeader, streamType);
        if (problem != null) {
            LOG.debug("port-forward stream {} rejected: {}", id, problem);
            send(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
            return;
        }
        // Netty leaves out an empty header block, which Go's SPDY framer cannot read: the reply carries a status
        SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
        reply.headers().set(":status", "200");
        send(reply);
        String requestId = syn.headers().getAsString(REQUEST_ID);
        if (requestId == null || requestId.isEmpty()) {
            // an old client without request ids: its error and data streams have consecutive odd ids
            requestId = Integer.toString(streamType.equals("error") ? id : id - 2);
        }
        Pair pair = pairs.computeIfAbsent(requestId, this::newPair);
        byStream.put(id, pair);
        String assigned = pair.add(id, streamType, Integer.parseInt(portHeader), syn.isLast());
        if (assigned != null) {
            pair.printError("error processing stream for request " + requestId + ": " + assigned);
        } else if (pair.complete()) {
            pair.connect();
        }
    }

    /** Why a stream's headers are refused, in the kubelet's words, or null. */
    static String problem(String port, String streamType) {
        if (port == null || port.isEmpty()) {
            return "\"port\" header is required";
        }
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return "unable to parse \"" + port + "\" as a port: invalid syntax";
        }
        if (value < 1 || value > 65535) {
            return "port \"" + port + "\" must be > 0";
        }
        if (streamType == null || streamType.isEmpty()) {
            return "\"streamType\" header is required";
        }
        if (!streamType.equals("error") && !streamType.equals("data")) {
            return "invalid stream type \"" + streamType + "\"";
        }
        return null;
    }

    private Pair newPair(String requestId) {
        Pair pair = new Pair(requestId);
        pair.timer = vertx.setTimer(STREAM_CREATION_TIMEOUT.toMillis(), id -> {
            if (!pair.complete() && pairs.get(requestId) == pair) {
                pair.printError("(conn=" + client.remoteAddress() + ", request=" + requestId
                        + ") timed out waiting for streams");
                pair.finish();
                flush();
            }
        });
        return pair;
    }

    private void send(Object frame) {
        if (!closed) {
            codec.writeOutbound(frame);
        } else {
            ReferenceCountUtil.release(frame);
        }
    }

    /** Sends what the codec encoded as one WebSocket message. */
    private void flush() {
        Buffer message = Buffer.buffer();
        for (Object out; (out = codec.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            try {
                byte[] copy = new byte[bytes.readableBytes()];
                bytes.readBytes(copy);
                message.appendBytes(copy);
            } finally {
                bytes.release();
            }
        }
        if (message.length() > 0 && !client.isClosed()) {
            client.writeBinaryMessage(message);
        }
    }

    private void shutDown() {
        if (closed) {
            return;
        }
        closed = true;
        pairs.values().forEach(Pair::reset);
        pairs.clear();
        byStream.clear();
        codec.finishAndReleaseAll();
    }

    /** The error and data streams of one client connection, and its connection to the pod once both came. */
    private final class Pair implements Peer {
        private final String requestId;
        private int errorStream = -1;
        private int dataStream = -1;
        private int port;
        private boolean clientDone;
        private boolean ended;
        private long timer;
        private Connection connection;

        Pair(String requestId) {
            this.requestId = requestId;
        }

        /** Adds a stream; returns why it cannot be added, or null. */
        String add(int id, String streamType, int port, boolean last) {
            if (streamType.equals("error")) {
                if (errorStream >= 0) {
                    return "error stream already assigned";
                }
                errorStream = id;
            } else {
                if (dataStream >= 0) {
                    return "data stream already assigned";
                }
                dataStream = id;
                this.port = port;
                clientDone = last;
            }
            return null;
        }

        boolean complete() {
            return errorStream >= 0 && dataStream >= 0;
        }

        void connect() {
            vertx.cancelTimer(timer);
            connection = connections.open(port, this);
            if (clientDone) {
                connection.endWriting();
            }
        }

        void fromClient(byte[] bytes, boolean last) {
            if (connection == null) {
                return;
            }
            if (bytes.length > 0) {
                connection.write(bytes);
            }
            if (last) {
                connection.endWriting();
            }
        }

        void printError(String message) {
            if (errorStream >= 0 && !ended) {
                send(new DefaultSpdyDataFrame(errorStream,
                        Unpooled.wrappedBuffer(message.getBytes(StandardCharsets.UTF_8))));
            }
        }

        void resume() {
            if (connection != null) {
                connection.resume();
            }
        }

        /** The client reset a stream, or went away: the connection to the pod ends. */
        void reset() {
            if (connection != null) {
                connection.close();
            }
        }

        /** Ends both streams, the error stream first, as the kubelet does, and forgets the pair. */
        void finish() {
            if (ended) {
                return;
            }
            ended = true;
            vertx.cancelTimer(timer);
            if (errorStream >= 0) {
                send(new DefaultSpdyDataFrame(errorStream).setLast(true));
            }
            if (dataStream >= 0) {
                send(new DefaultSpdyDataFrame(dataStream).setLast(true));
            }
            pairs.remove(requestId, this);
            byStream.remove(errorStream, this);
            byStream.remove(dataStream, this);
        }

        @Override
        public void data(byte[] data) {
            if (!ended && data.length > 0) {
                send(new DefaultSpdyDataFrame(dataStream, Unpooled.wrappedBuffer(data)));
                flush();
            }
        }

        @Override
        public void error(String message) {
            printError(message);
            flush();
        }

        @Override
        public void ended() {
            finish();
            flush();
        }

        @Override
        public boolean clientBusy() {
            return client.writeQueueFull();
        }

        @Override
        public void pauseClient() {
            client.pause();
        }

        @Override
        public void resumeClient() {
            client.resume();
        }
    }
}

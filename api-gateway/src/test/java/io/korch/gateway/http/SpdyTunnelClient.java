package io.korch.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The client side of kubectl's port-forward tunnel for tests: SPDY/3.1 frames, encoded with Netty's codec, sent as
 * WebSocket binary messages; what comes back is decoded and recorded per stream (replies, data, ends, resets,
 * pings). Streams are numbered as client-go numbers them, odd and rising.
 */
final class SpdyTunnelClient {

    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Set<Integer> replied = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private final Set<Integer> reset = new HashSet<>();
    private final Set<Integer> pings = new HashSet<>();
    private final Map<Integer, ByteArrayOutputStream> data = new HashMap<>();
    private WebSocket socket;
    private int nextStream = 1;

    synchronized void attach(WebSocket opened) {
        socket = opened;
        socket.binaryMessageHandler(this::received);
    }

    /** Opens a stream of {@code type} (error or data) for {@code port} in request {@code requestId}; returns its id. */
    synchronized int open(String type, int port, int requestId) {
        int id = nextStream;
        nextStream += 2;
        SpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        syn.headers().set("streamtype", type).set("port", Integer.toString(port))
                .set("requestid", Integer.toString(requestId));
        send(syn);
        return id;
    }

    synchronized void write(int stream, String text) {
        send(new DefaultSpdyDataFrame(stream, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    /** Ends the client's side of {@code stream}, as client-go's {@code stream.Close()}. */
    synchronized void end(int stream) {
        send(new DefaultSpdyDataFrame(stream).setLast(true));
    }

    synchronized void ping(int id) {
        send(new DefaultSpdyPingFrame(id));
    }

    synchronized boolean replied(int stream) {
        return replied.contains(stream);
    }

    synchronized boolean finished(int stream) {
        return finished.contains(stream);
    }

    synchronized boolean reset(int stream) {
        return reset.contains(stream);
    }

    synchronized boolean ponged(int id) {
        return pings.contains(id);
    }

    synchronized String text(int stream) {
        ByteArrayOutputStream bytes = data.get(stream);
        return bytes == null ? "" : bytes.toString(StandardCharsets.UTF_8);
    }

    private void send(Object frame) {
        codec.writeOutbound(frame);
        Buffer message = Buffer.buffer();
        for (Object out; (out = codec.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            message.appendBytes(copy);
        }
        socket.writeBinaryMessage(message);
    }

    private synchronized void received(Buffer message) {
        codec.writeInbound(Unpooled.wrappedBuffer(message.getBytes()));
        for (Object frame; (frame = codec.readInbound()) != null; ) {
            try {
                if (frame instanceof SpdySynReplyFrame reply) {
                    replied.add(reply.streamId());
                } else if (frame instanceof SpdyDataFrame dataFrame) {
                    byte[] bytes = new byte[dataFrame.content().readableBytes()];
                    dataFrame.content().readBytes(bytes);
                    data.computeIfAbsent(dataFrame.streamId(), id -> new ByteArrayOutputStream()).writeBytes(bytes);
                    if (dataFrame.isLast()) {
                        finished.add(dataFrame.streamId());
                    }
                } else if (frame instanceof SpdyRstStreamFrame rst) {
                    reset.add(rst.streamId());
                } else if (frame instanceof SpdyPingFrame ping) {
                    pings.add(ping.id());
                }
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }
}

package io.korch.agent.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints on loopback for the proxy's tests: each answers every line with {@code NAME:line}, so a client
 * learns which endpoint it reached, and keeps the connection open until the client closes it.
 */
final class EchoBackends implements AutoCloseable {

    /** One endpoint: its name and port on 127.0.0.1. */
    record Echo(String name, int port, ServerSocket socket) {
    }

    private final List<Echo> echoes = new ArrayList<>();
    private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    Echo start(String name) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Echo echo = new Echo(name, socket.getLocalPort(), socket);
        echoes.add(echo);
        Thread thread = new Thread(() -> accept(echo), "echo-" + name);
        thread.setDaemon(true);
        thread.start();
        return echo;
    }

    private void accept(Echo echo) {
        while (!echo.socket().isClosed()) {
            try {
                Socket client = echo.socket().accept();
                accepted.add(client);
                Thread thread = new Thread(() -> serve(echo.name(), client), "echo-" + echo.name() + "-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(String name, Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((name + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went
        }
    }

    @Override
    public void close() throws IOException {
        for (Echo echo : echoes) {
            echo.socket().close();
        }
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}

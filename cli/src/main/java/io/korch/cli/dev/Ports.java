package io.korch.cli.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks, before starting a server, that its port is free, so a clash is one clear line instead of a stack trace. */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails when {@code port} on {@code host} cannot be bound right now; port 0 always passes.
     *
     * @param option the option that chooses this port, named in the message
     * @throws IllegalStateException naming the port and the option to change it
     */
    public static void requireFree(String host, int port, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is already in use"
                    + " (is another korch running? choose another with " + option + ")", e);
        }
    }
}

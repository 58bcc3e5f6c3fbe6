package io.korch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.0 requests from the host to a node port on loopback, as a user's browser or curl makes them. */
final class HostHttp {

    private HostHttp() {
    }

    /** The last line of the body of {@code GET /} on 127.0.0.1:{@code port}, trimmed. */
    static String lastLine(int port) throws IOException {
        return body(port, "/").lines().reduce((first, second) -> second).orElse("").trim();
    }

    /** The body of {@code GET path} on 127.0.0.1:{@code port}. */
    static String body(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // a CGI script's own headers may end with a bare blank line
            String[] parts = response.split("\r?\n\r?\n", 2);
            return parts.length < 2 ? "" : parts[1];
        }
    }
}

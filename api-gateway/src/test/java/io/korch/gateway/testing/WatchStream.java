package io.korch.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A watch as a client sees it: the events of one {@code ?watch=true} request, read line by line on a thread of its own. */
public final class WatchStream implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int status;
    private final InputStream body;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private WatchStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::read, "watch-stream");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens {@code url + path} (the path carries {@code watch=true} and the rest of the query). */
    public static WatchStream open(String url, String path) {
        return open(url, path, "application/json");
    }

    /** Opens {@code url + path} with this {@code Accept} header. */
    public static WatchStream open(String url, String path, String accept) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Accept", accept).GET().build();
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new WatchStream(response);
        } catch (IOException e) {
            throw new AssertionError("cannot open the watch " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next event, waiting up to {@code timeout}. */
    public JsonNode next(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no watch event within " + timeout + (ended ? "; the watch ended" : ""));
            }
            return ApiJson.MAPPER.readTree(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new AssertionError("not a JSON watch event", e);
        }
    }

    /** The next {@code count} events that are not bookmarks. */
    public List<JsonNode> nextChanges(int count, Duration timeout) {
        List<JsonNode> changes = new ArrayList<>();
        while (changes.size() < count) {
            JsonNode event = next(timeout);
            if (!"BOOKMARK".equals(event.path("type").asText())) {
                changes.add(event);
            }
        }
        return changes;
    }

    /** Whether the server ended the watch; waits up to {@code timeout} for it. */
    public boolean ends(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the watch was cut off or closed
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

package io.korch.agent.usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.korch.agent.runtime.ContainerLabels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads running pod containers and their stats from the Docker engine, over a connection pool of its own, so
 * that a slow stats call never holds a connection the agent needs to start or stop containers. Each stats call
 * is a one-shot read ({@code stream=false&one-shot=true}), which the engine answers from the container's cgroup
 * at its next collection tick (up to a second later) instead of waiting for a second reading; every call gives
 * up after {@link #TIMEOUT}.
 */
public final class DockerStatsSource implements StatsSource {

    /** The longest a list or stats call may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** One connection per parallel read, and one more so that a list never waits behind the reads. */
    private static final int CONNECTIONS = UsageReporter.PARALLEL_READS + 1;

    private final DockerHttpClient http;
    private final DockerClient docker;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DockerStatsSource(DockerHttpClient http, DockerClient docker) {
        this.http = http;
        this.docker = docker;
    }

    /** A source reading the engine at {@code dockerHost}, such as {@code unix:///var/run/docker.sock}. */
    public static DockerStatsSource connect(URI dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost.toString())
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(CONNECTIONS)
                .connectionTimeout(TIMEOUT)
                .responseTimeout(TIMEOUT)
                .build();
        return new DockerStatsSource(http, DockerClientImpl.getInstance(config, http));
    }

    @Override
    public List<PodContainer> running(String nodeName) {
        return docker.listContainersCmd()
                .withStatusFilter(List.of("running"))
                .withLabelFilter(Map.of(ContainerLabels.NODE, nodeName))
                .exec().stream()
                .map(DockerStatsSource::podContainer)
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public Optional<ContainerStats> read(String id) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/stats?stream=false&one-shot=true")
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                return Optional.empty();
            }
            return ContainerStats.of(json.readValue(body, Statistics.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stats of container " + id + ": " + e.getMessage(), e);
        }
    }

    private static Optional<PodContainer> podContainer(Container container) {
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        String namespace = labels.get(ContainerLabels.POD_NAMESPACE);
        String pod = labels.get(ContainerLabels.POD_NAME);
        String uid = labels.get(ContainerLabels.POD_UID);
        String name = labels.get(ContainerLabels.CONTAINER);
        if (namespace == null || pod == null || uid == null || name == null || ContainerLabels.SANDBOX.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(new PodContainer(container.getId(), namespace, pod, uid, name));
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Docker stats client: " + e.getMessage(), e);
        }
    }
}

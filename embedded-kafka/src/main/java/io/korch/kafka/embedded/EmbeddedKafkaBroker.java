package io.korch.kafka.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker running inside this JVM, used by {@code korch dev} and by the
 * integration tests of the other modules.
 *
 * <p>The node runs in KRaft mode with the broker and controller roles combined and listens on 127.0.0.1 only:
 * clients use the PLAINTEXT listener ({@link #bootstrapServers()}), the single-voter controller quorum a second
 * free loopback port. It is configured for one node on a small machine: replication factor 1 for every internal
 * topic (so transactions and Kafka Streams {@code exactly_once_v2} work), few threads and small buffers.
 *
 * <p>Data: partitions and the cluster metadata log live in one data directory. A directory given with
 * {@link Builder#dataDir(Path)} is formatted with a new cluster id on its first start and reused as it is on later
 * starts, so topics, records and committed offsets survive a restart. Without one, a fresh temporary directory
 * is used and deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>As in a standalone broker, a fatal fault inside Kafka (such as a corrupt metadata log) halts the JVM.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String LOOPBACK = "127.0.0.1";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;
    /** Bounds {@link #start()}: formatting, Kafka's own startup and the first answer to a client. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private enum State { NEW, RUNNING, CLOSED }

    private final Path configuredDataDir;
    private final int configuredPort;
    private final Map<String, String> extraProperties;

    private State state = State.NEW;
    private KafkaRaftServer server;
    private Path dataDir;
    private String bootstrapServers;

    private EmbeddedKafkaBroker(Builder builder) {
        this.configuredDataDir = builder.dataDir;
        this.configuredPort = builder.port;
        this.extraProperties = Map.copyOf(builder.properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if it is new, starts the broker and waits until it answers a client.
     *
     * @return this broker, running
     * @throws IllegalStateException if the broker was already started, or did not come up within 60 seconds
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (state != State.NEW) {
            throw new IllegalStateException("An EmbeddedKafkaBroker starts only once; this one is " + state);
        }
        long begin = System.nanoTime();
        long deadline = begin + STARTUP_TIMEOUT.toNanos();
        dataDir = configuredDataDir != null ? createDirectories(configuredDataDir) : createTempDirectory();
        int brokerPort = configuredPort != 0 ? configuredPort : freeLoopbackPort();
        int controllerPort = freeLoopbackPortOtherThan(brokerPort);
        bootstrapServers = LOOPBACK + ":" + brokerPort;
        state = State.RUNNING;
        try {
            Map<String, String> config = brokerConfig(dataDir, brokerPort, controllerPort);
            config.putAll(extraProperties);
            KafkaConfig kafkaConfig = new KafkaConfig(config, false);
            formatIfNew(dataDir);
            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server.startup();
            awaitAnswer(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "Kafka broker on " + bootstrapServers + " (data dir " + dataDir + ") failed to start", e);
        }
        log.info("Kafka broker on {} started in {} ms (data dir {})",
                bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dataDir);
        return this;
    }

    /** The client bootstrap address, {@code 127.0.0.1:PORT}; known once {@link #start()} was called. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return bootstrapServers;
    }

    /** The directory holding partitions and the metadata log; known once {@link #start()} was called. */
    public synchronized Path dataDir() {
        requireStarted();
        return dataDir;
    }

    /**
     * Shuts the broker down cleanly and, if it used a temporary data directory, deletes that directory.
     * Idempotent; closing a broker that never started does nothing.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state == State.RUNNING;
        state = State.CLOSED;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
        if (started && configuredDataDir == null) {
            deleteRecursively(dataDir);
        }
    }

    /**
     * The broker settings for one combined KRaft node on a dev machine. {@link Builder#property} values are applied
     * on top of these.
     */
    private static Map<String, String> brokerConfig(Path dataDir, int brokerPort, int controllerPort) {
        String dir = dataDir.toAbsolutePath().toString();
        Map<String, String> config = new LinkedHashMap<>();
        // One node that is both a broker and the only voter of its controller quorum.
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        // Static voters (kraft.version 0): the controller address is read from config on every start rather than
        // stored in the metadata log, so the controller may get a different free port after a restart.
        config.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        // Loopback only: clients on PLAINTEXT, the quorum on CONTROLLER.
        config.put("listeners", CLIENT_LISTENER + "://" + LOOPBACK + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        config.put("advertised.listeners", CLIENT_LISTENER + "://" + LOOPBACK + ":" + brokerPort);
        config.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        // Partitions and the cluster metadata log share the one data directory.
        config.put("log.dirs", dir);
        config.put("metadata.log.dir", dir);
        // A single replica: internal topics need RF 1 and min ISR 1 or they can never be created
        // (__transaction_state for transactions / exactly_once_v2, __consumer_offsets, __share_group_state).
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // Internal topics with 5 partitions instead of 50: the first group join and first transaction are faster.
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.num.partitions", "5");
        config.put("num.partitions", "1");
        // Groups rebalance at once instead of waiting 3 s for more members to join.
        config.put("group.initial.rebalance.delay.ms", "0");
        // Fast failover of the korch Streams applications (see io.korch.streams.StreamsConfigs): accept their 3 s
        // session timeout (the default minimum, 6 s, refuses it), and look for timed-out transactions every 250 ms
        // instead of every 10 s, so a dead instance's open transaction is aborted soon after its 3 or 5 s timeout.
        config.put("group.min.session.timeout.ms", "1000");
        config.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "250");
        // A small footprint for a 2-core machine: few threads, a 2 MiB log cleaner buffer instead of 128 MiB,
        // 16 MiB segments with small (sparse, memory-mapped) indexes.
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("background.threads", "2");
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        config.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        // Kafka's own startup (metadata catch-up, unfencing) gives up within our startup bound.
        config.put("server.max.startup.time.ms", Long.toString(STARTUP_TIMEOUT.toMillis()));
        return config;
    }

    /**
     * Writes {@code meta.properties} (with a new cluster id) and the bootstrap metadata into a directory that has
     * none yet; a directory that already has them is left alone, so its cluster id and data are reused.
     */
    private static void formatIfNew(Path dataDir) {
        if (Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        String dir = dataDir.toAbsolutePath().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .addDirectory(dir)
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDir, e);
        }
        log.debug("Formatted {} for new Kafka cluster {} (metadata.version {})",
                dataDir, clusterId, MetadataVersion.LATEST_PRODUCTION);
    }

    /** Waits until the broker answers a describeCluster request with itself, at most {@code timeout}. */
    private void awaitAnswer(Duration timeout) {
        int timeoutMs = (int) Math.max(1, timeout.toMillis());
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(adminConfig)) {
            if (admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
                throw new IllegalStateException("Kafka broker on " + bootstrapServers + " reports no live node");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka broker on " + bootstrapServers + " did not answer within " + STARTUP_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka broker on " + bootstrapServers, e);
        }
    }

    private void requireStarted() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("EmbeddedKafkaBroker was never started");
        }
    }

    private static int freeLoopbackPortOtherThan(int port) {
        int free = freeLoopbackPort();
        while (free == port) {
            free = freeLoopbackPort();
        }
        return free;
    }

    /** A port that is free on 127.0.0.1 right now (the OS picks it; Kafka binds it moments later). */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create Kafka data dir " + dir, e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("korch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka data dir", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete temporary Kafka data dir {}", dir, e);
        }
    }

    /** Configures an {@link EmbeddedKafkaBroker}; every setting is optional. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keeps the broker's data in {@code dir} across restarts; default: a temporary dir deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client listener port on 127.0.0.1; 0, the default, picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** An extra broker setting, applied over the embedded defaults. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}

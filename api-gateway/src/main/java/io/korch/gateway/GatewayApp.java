package io.korch.gateway;

import io.korch.api.Namespace;
import io.korch.api.ObjectMeta;
import io.korch.api.Precondition;
import io.korch.api.PreconditionType;
import io.korch.api.ServiceAccount;
import io.korch.changelog.ChangeLogApp;
import io.korch.gateway.allocation.Claims;
import io.korch.gateway.allocation.ServiceAllocator;
import io.korch.gateway.history.ChangeLogReader;
import io.korch.gateway.http.ApiVerticle;
import io.korch.gateway.kafka.ChangeRequests;
import io.korch.gateway.kafka.AllocationFeed;
import io.korch.gateway.kafka.Backoff;
import io.korch.gateway.kafka.DesiredStateWriter;
import io.korch.gateway.kafka.KafkaSettings;
import io.korch.gateway.kafka.ResponseFeed;
import io.korch.gateway.kafka.WriteRefused;
import io.korch.gateway.kafka.UsageFeed;
import io.korch.gateway.kafka.ViewFeed;
import io.korch.gateway.resource.Admission;
import io.korch.gateway.resource.ObjectStore;
import io.korch.gateway.resource.Resources;
import io.korch.gateway.resource.ServiceAccounts;
import io.korch.gateway.view.ClusterView;
import io.korch.gateway.view.UsageView;
import io.korch.gateway.watch.WatchHub;
import io.korch.serde.KafkaSchemaStore;
import io.korch.topics.Keys;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import io.korch.prometheus.MetricsServer;
import io.korch.prometheus.ServiceMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API gateway: the only door for people and tools into a korch cluster.
 *
 * <p>{@link #start} checks that Kafka answers and holds the korch topics, publishes the writer
 * schemas, starts its member of the change log ({@link ChangeLogApp}), reads the change log into
 * the {@link ClusterView} and the claimed Service addresses and node ports ({@link AllocationFeed})
 * until they have caught up, follows the pods' and nodes' resource-use samples ({@link UsageFeed}) for the
 * metrics API, asks for the {@code default} namespace if it is missing, and then serves the REST API from an {@link ApiVerticle}. Reads come from the view;
 * writes are requests to the change log ({@link ChangeRequests}), which applies each only if its
 * preconditions hold, whichever gateway sent it. While the view does not follow Kafka — its feed failed and is
 * restarting, or catching up after a restart — every API route answers 503 and {@code /readyz}
 * says why. {@link #close} stops all of it.
 */
public final class GatewayApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    private static final String GATEWAY_ID_PREFIX = "gw-";

    private final String host;
    private final Vertx vertx;
    private final ApiVerticle verticle;
    private final List<AutoCloseable> started;

    private GatewayApp(String host, Vertx vertx, ApiVerticle verticle, List<AutoCloseable> started) {
        this.host = host;
        this.vertx = vertx;
        this.verticle = verticle;
        this.started = started;
    }

    /**
     * Starts a gateway and returns once its view caught up with the topics and its HTTP server
     * listens.
     *
     * @throws IllegalStateException saying what is wrong when Kafka cannot be reached, the topics
     *                               are missing, or the server cannot listen
     */
    public static GatewayApp start(GatewayConfig config) {
        return start(config, ViewFeed.consumersOf(config.bootstrapServers()));
    }

    /** {@link #start(GatewayConfig)} with the view read by consumers from {@code viewConsumers}, e.g. faulty ones. */
    static GatewayApp start(GatewayConfig config, Supplier<Consumer<byte[], byte[]>> viewConsumers) {
        String bootstrap = config.bootstrapServers();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            requireTopics(bootstrap);
            KafkaSchemaStore.publishAndInstall(bootstrap);
            PrometheusMeterRegistry meters = ServiceMeters.registry();
            // the change log's member joins its group while the view is read
            ChangeLogApp changeLog = ChangeLogApp.launch(bootstrap, config.stateDir(), meters);
            started.add(changeLog);
            ClusterView view = new ClusterView();
            WatchHub watchHub = new WatchHub(WatchHub.DEFAULT_WINDOW);
            ViewFeed feed = ViewFeed.start(viewConsumers, view, watchHub,
                    new Backoff(ViewFeed.RESTART_BACKOFF_INITIAL, ViewFeed.RESTART_BACKOFF_MAX));
            started.add(feed);
            feed.awaitCaughtUp(CATCH_UP_TIMEOUT);
            UsageView usage = new UsageView();
            started.add(UsageFeed.start(bootstrap, usage, Clock.systemUTC()));
            Claims claims = new Claims();
            AllocationFeed allocations = AllocationFeed.start(bootstrap, claims);
            started.add(allocations);
            allocations.awaitCaughtUp(CATCH_UP_TIMEOUT);
            changeLog.awaitRunning();
            DesiredStateWriter writer = DesiredStateWriter.create(bootstrap);
            started.add(writer);
            ResponseFeed responses = ResponseFeed.start(bootstrap, GATEWAY_ID_PREFIX + UUID.randomUUID().toString().substring(0, 8));
            started.add(responses);
            ChangeRequests requests = new ChangeRequests(responses.gateway(), writer, responses, Clock.systemUTC());
            Admission admission = Admission.system();
            ensureDefaultNamespace(view, requests, admission);
            ensureDefaultServiceAccounts(view, requests, admission);
            Vertx vertx = Vertx.vertx();
            started.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
            ApiVerticle verticle = new ApiVerticle(config.host(), config.port(), view, requests, writer, admission,
                    () -> feed.notReady().or(() -> changeLogDown(changeLog)), watchHub,
                    () -> ChangeLogReader.open(bootstrap),
                    new ServiceAllocator(config.serviceRanges(), claims, requests, view, Clock.systemUTC(), new SecureRandom()),
                    usage, meters);
            awaitDeployment(vertx, verticle, config);
            GatewayApp app = new GatewayApp(config.host(), vertx, verticle, started);
            LOG.info("korch API gateway listening on {}", app.url());
            return app;
        } catch (Exception e) {
            closeAll(started);
            throw e instanceof IllegalStateException stateError ? stateError
                    : new IllegalStateException("the API gateway failed to start: " + e.getMessage(), e);
        }
    }

    /** The port the API listens on. */
    public int port() {
        return verticle.actualPort();
    }

    /** Where the gateway's metrics are served: {@code http://127.0.0.1:PORT/metrics}. */
    public String metricsUrl() {
        return url() + MetricsServer.PATH;
    }

    /** The base URL of the API: {@code http://127.0.0.1:PORT}. */
    public String url() {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
        return "http://" + (wildcard ? "127.0.0.1" : host) + ":" + port();
    }

    /** Stops serving, then stops writing and reading Kafka. */
    @Override
    public void close() {
        closeAll(started);
    }

    /** Why the gateway cannot take writes when its member of the change log failed; it does not recover by itself. */
    private static Optional<String> changeLogDown(ChangeLogApp changeLog) {
        return changeLog.healthy() ? Optional.empty()
                : Optional.of("this gateway's member of the change log stopped; restart the gateway");
    }

    private static void requireTopics(String bootstrap) {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka at " + bootstrap + " lacks the korch topics " + missing
                        + "; create them first (korch dev does, or io.korch.topics.TopicAdmin.createTopics)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka at " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : "no answer within 15 s"), e);
        }
    }

    /**
     * Asks for the {@code default} namespace when the view has none; another gateway asking at the
     * same moment makes this request's precondition fail, which is as good.
     */
    private static void ensureDefaultNamespace(ClusterView view, ChangeRequests requests, Admission admission) {
        if (view.table(Topics.NAMESPACES).contains(ObjectStore.DEFAULT_NAMESPACE)) {
            return;
        }
        Namespace declared = Namespace.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(ObjectStore.DEFAULT_NAMESPACE).build())
                .build();
        Namespace namespace = admission.forCreate(Resources.NAMESPACES, declared, null);
        writeUnlessPresent(view, requests, Topics.NAMESPACES, ObjectStore.DEFAULT_NAMESPACE, namespace,
                List.of(), "the default namespace");
    }

    /**
     * Asks for the {@code default} ServiceAccount of every namespace that lacks one — the
     * {@code default} namespace, and namespaces created before korch served ServiceAccounts; the
     * gateway writes it with every namespace it creates from then on.
     */
    private static void ensureDefaultServiceAccounts(ClusterView view, ChangeRequests requests, Admission admission) {
        List<String> namespaces = view.table(Topics.NAMESPACES).live().map(Map.Entry::getKey).toList();
        for (String namespace : namespaces) {
            String key = Keys.of(namespace, ServiceAccounts.DEFAULT);
            if (view.table(Topics.SERVICEACCOUNTS).contains(key)) {
                continue;
            }
            ServiceAccount serviceAccount = admission.forCreate(Resources.SERVICEACCOUNTS,
                    ServiceAccounts.declaredDefault(namespace), namespace);
            Precondition namespaceExists = Precondition.newBuilder().setType(PreconditionType.PRESENT)
                    .setTopic(Topics.NAMESPACES.name()).setKey(namespace).build();
            writeUnlessPresent(view, requests, Topics.SERVICEACCOUNTS, key, serviceAccount, List.of(namespaceExists),
                    "the default ServiceAccount of namespace " + namespace);
        }
    }

    /**
     * Writes {@code value} under {@code key} of {@code topic} if it is absent then and
     * {@code preconditions} hold, and waits until the view holds it; another gateway writing it
     * first, which makes the request's precondition fail, is as good.
     */
    private static <V> void writeUnlessPresent(ClusterView view, ChangeRequests requests, Topic<String, V> topic,
                                               String key, V value, List<Precondition> preconditions, String what) {
        List<Precondition> all = new ArrayList<>(preconditions);
        all.add(Precondition.newBuilder().setType(PreconditionType.ABSENT).setTopic(topic.name()).setKey(key).build());
        try {
            long revision = requests.write(topic, key, value, all, "gateway/" + requests.gateway())
                    .await(ChangeRequests.ANSWER_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            view.awaitPosition(revision).get(CATCH_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (WriteRefused e) {
            LOG.debug("{} was written by another gateway meanwhile", what);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the change log did not write " + what + " in time", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " did not reach the view: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + what, e);
        }
    }

    private static void awaitDeployment(Vertx vertx, ApiVerticle verticle, GatewayConfig config) {
        try {
            vertx.deployVerticle(verticle).await(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the HTTP server did not start within " + DEPLOY_TIMEOUT.toSeconds() + " s", e);
        } catch (Exception e) {
            // the deployment's failure is rethrown as it is, which may be a checked BindException
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping the API gateway: {}", e.getMessage(), e);
            }
        }
    }
}

package io.korch.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a gateway integration test class shares: a {@link Cluster} (a real broker and a gateway on
 * it) and an {@link Api} calling that gateway over real HTTP, started before the class's first test
 * and closed after its last one. Register it in a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final GatewayFixture gateway = new GatewayFixture();
 *
 * private final Api api = gateway.api(); // test instances are created once the fixture is started
 * </pre>
 */
public final class GatewayFixture implements BeforeAllCallback, AfterAllCallback {

    private Vertx vertx;
    private WebClient client;
    private Cluster cluster;
    private Api api;

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        cluster = Cluster.start();
        api = new Api(client, cluster.gateway().url());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (vertx != null) {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The broker and the gateway. */
    public Cluster cluster() {
        return started(cluster);
    }

    /** The HTTP client the {@link #api()} uses, for requests it does not make. */
    public WebClient client() {
        return started(client);
    }

    /** Calls the gateway. */
    public Api api() {
        return started(api);
    }

    /** The gateway's base URL. */
    public String url() {
        return cluster().gateway().url();
    }

    private static <T> T started(T part) {
        if (part == null) {
            throw new IllegalStateException("the gateway fixture is not started: register it with @RegisterExtension"
                    + " in a static field");
        }
        return part;
    }
}

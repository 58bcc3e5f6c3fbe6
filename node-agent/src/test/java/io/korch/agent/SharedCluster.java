package io.korch.agent;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ClusterFixture} for all the tests of a class, started before the first and closed after the
 * last: {@code @RegisterExtension static final SharedCluster cluster = new SharedCluster();}, then
 * {@code cluster.get()} in the tests.
 */
public final class SharedCluster implements BeforeAllCallback, AfterAllCallback {

    private ClusterFixture cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = new ClusterFixture();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster, from before the class's first test until after its last. */
    public ClusterFixture get() {
        if (cluster == null) {
            throw new IllegalStateException("the shared cluster runs only while the tests of its class run");
        }
        return cluster;
    }
}

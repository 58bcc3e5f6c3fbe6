package io.korch.e2e;

import io.korch.cli.dev.DevCluster;
import io.korch.cli.dev.DevClusterOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Starts a dev cluster for end-to-end tests: free ports, data in a temporary directory, real
 * Docker only, and two agents whose node names carry a unique prefix, so the test never
 * touches the containers of a developer's own {@code korch dev}.
 */
final class DevClusterFixture {

    /** Short enough to keep the lost-node test quick, long enough to avoid false alarms on a busy machine. */
    static final Duration NODE_GRACE_PERIOD = Duration.ofSeconds(4);

    private DevClusterFixture() {
    }

    static DevCluster start(Path dataDir, String nodePrefix, PrintStream progress) {
        return start(dataDir, nodePrefix, progress, UnaryOperator.identity());
    }

    /** As {@link #start(Path, String, PrintStream)}, with the options {@code tuned}, e.g. a shorter metrics interval. */
    static DevCluster start(Path dataDir, String nodePrefix, PrintStream progress,
                            UnaryOperator<DevClusterOptions> tuned) {
        DevClusterOptions options = tuned.apply(DevClusterOptions.ephemeral(dataDir)
                .withNodes(0)
                .withNodeGracePeriod(NODE_GRACE_PERIOD)
                .withAllowProcessFallback(false));
        DevCluster cluster = DevCluster.start(options, progress);
        try {
            cluster.startAgent(nodePrefix + "node-1");
            cluster.startAgent(nodePrefix + "node-2");
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }
}

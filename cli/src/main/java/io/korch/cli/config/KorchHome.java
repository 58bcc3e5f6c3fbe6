package io.korch.cli.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The directory korch keeps its files in: {@code ~/.korch}, or {@code $KORCH_HOME} when set (tests
 * point it at a temporary directory). It holds {@code config}, the kubeconfig-format file of
 * contexts korch reads by default, and {@code dev/}, the dev cluster's data and kubeconfig.
 *
 * @param dir the directory
 */
public record KorchHome(Path dir) {

    /** The environment variable that moves the directory. */
    public static final String ENV = "KORCH_HOME";

    /** {@code $KORCH_HOME}, else {@code .korch} in {@code userHome}. */
    public static KorchHome of(Function<String, String> env, Path userHome) {
        String override = env.apply(ENV);
        return new KorchHome(override == null || override.isBlank() ? userHome.resolve(".korch") : Path.of(override));
    }

    /** {@code ~/.korch/config}: the contexts korch reads when neither --kubeconfig nor KUBECONFIG names a file. */
    public Path config() {
        return dir.resolve("config");
    }

    /** {@code ~/.korch/dev}: the dev cluster's data directory. */
    public Path devDir() {
        return dir.resolve("dev");
    }

    /** {@code ~/.korch/dev/kubeconfig}: the kubeconfig {@code korch dev} writes for its cluster. */
    public Path devKubeconfig() {
        return devDir().resolve("kubeconfig");
    }
}

package io.korch.cli.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Which kubeconfig file korch reads and {@code korch config use-context} writes, in kubectl's
 * order: {@code --kubeconfig FILE}, which must exist; else the first file of {@code KUBECONFIG}
 * (a list separated like PATH); else {@code ~/.korch/config}. Only the flag's file must exist;
 * the others read as empty when missing.
 *
 * @param path the file
 */
public record ConfigFile(Path path) {

    /** The environment variable kubectl reads the file list from. */
    public static final String KUBECONFIG = "KUBECONFIG";

    /**
     * The file chosen by {@code kubeconfigFlag} (null when not given), the environment and the korch home.
     *
     * @throws IllegalArgumentException when {@code --kubeconfig} names a file that does not exist
     */
    public static ConfigFile choose(String kubeconfigFlag, Function<String, String> env, KorchHome home) {
        if (kubeconfigFlag != null && !kubeconfigFlag.isEmpty()) {
            Path path = Path.of(kubeconfigFlag);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("stat " + kubeconfigFlag + ": no such file or directory");
            }
            return new ConfigFile(path);
        }
        String list = env.apply(KUBECONFIG);
        if (list != null) {
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    return new ConfigFile(Path.of(entry));
                }
            }
        }
        return new ConfigFile(home.config());
    }

    /** The config in the file, empty when the file does not exist. */
    public KubeConfig read() {
        return KubeConfig.read(path);
    }
}

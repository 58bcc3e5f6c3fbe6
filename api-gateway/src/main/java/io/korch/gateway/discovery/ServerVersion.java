package io.korch.gateway.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * The answer of {@code /version}, in the shape of Kubernetes' {@code version.Info}: the Kubernetes
 * API version korch's API follows, with the korch version as build metadata
 * ({@code v1.32.0+korch-0.1.0}), so kubectl sees a server within its supported skew and people see
 * which korch answers. The korch version and build time come from {@code build.properties}, which
 * the build fills in.
 */
public final class ServerVersion {

    /** The Kubernetes minor version whose API korch follows; kubectl 1.31 to 1.33 accept it without a skew warning. */
    static final String KUBERNETES_MAJOR = "1";
    static final String KUBERNETES_MINOR = "32";

    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";
    /** Kubernetes' build date when a build does not stamp one. */
    private static final String NO_BUILD_DATE = "1970-01-01T00:00:00Z";

    private final String korchVersion;
    private final String buildDate;

    ServerVersion(String korchVersion, String buildDate) {
        this.korchVersion = korchVersion;
        this.buildDate = buildDate;
    }

    /** The version of this build, read from {@code build.properties}. */
    public static ServerVersion ofBuild() {
        try (InputStream in = ServerVersion.class.getResourceAsStream(RESOURCE)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return new ServerVersion(filled(properties.getProperty("version"), UNKNOWN),
                    filled(properties.getProperty("buildDate"), NO_BUILD_DATE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The korch version: {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    public String korchVersion() {
        return korchVersion;
    }

    /** The Kubernetes-style git version: {@code v1.32.0+korch-0.1.0-SNAPSHOT}. */
    public String gitVersion() {
        String metadata = ("korch-" + korchVersion).replaceAll("[^0-9A-Za-z.-]", "-");
        return "v" + KUBERNETES_MAJOR + "." + KUBERNETES_MINOR + ".0+" + metadata;
    }

    /** The {@code version.Info} object. */
    public ObjectNode info() {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("major", KUBERNETES_MAJOR);
        info.put("minor", KUBERNETES_MINOR);
        info.put("gitVersion", gitVersion());
        info.put("gitCommit", "");
        info.put("gitTreeState", "");
        info.put("buildDate", buildDate);
        info.put("goVersion", "java" + Runtime.version().feature());
        info.put("compiler", "javac");
        info.put("platform", platform());
        return info;
    }

    /** The platform as Go names it: {@code linux/amd64}. */
    static String platform() {
        String os = System.getProperty("os.name", UNKNOWN).toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", UNKNOWN).toLowerCase(Locale.ROOT);
        String goOs = os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os;
        String goArch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return goOs + "/" + goArch;
    }

    /** {@code value}, unless the build left it out or unfilled. */
    private static String filled(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }
}

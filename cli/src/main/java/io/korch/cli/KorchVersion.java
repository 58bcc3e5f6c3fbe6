package io.korch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version of this build of korch, from {@code korch-version.properties} written at build time. */
public final class KorchVersion implements CommandLine.IVersionProvider {

    private static final String RESOURCE = "/korch-version.properties";

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build left none. */
    public static String version() {
        try (InputStream in = KorchVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"korch " + version()};
    }
}

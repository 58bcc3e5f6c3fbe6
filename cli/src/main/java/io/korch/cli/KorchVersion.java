package io.korch.cli;

import io.korch.gateway.discovery.ServerVersion;
import picocli.CommandLine;

/** The version of this build of korch, as the gateway's {@code /version} reports it. */
public final class KorchVersion implements CommandLine.IVersionProvider {

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build left none. */
    public static String version() {
        return ServerVersion.ofBuild().korchVersion();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"korch " + version()};
    }
}

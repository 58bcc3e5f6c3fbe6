package io.korch.agent.proxy.iptables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on {@code hairpin_mode} on every port of the pod bridge, as kubelet's {@code hairpin-veth} mode does: with
 * {@code br_netfilter}, a pod's packet to a ClusterIP that is DNATed back to the same pod is bridged out of the
 * port it came in on, which a bridge port refuses unless it is in hairpin mode. Ports already in it are left
 * alone; a missing bridge (no pod yet) is nothing to do.
 */
final class BridgeHairpin {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeHairpin.class);

    private final Path ports;
    private boolean warned;

    /** @param bridge the pod bridge, such as {@code korch0} */
    BridgeHairpin(String bridge) {
        this.ports = Path.of("/sys/class/net", bridge, "brif");
    }

    /** Sets hairpin mode on the ports that do not have it yet. */
    void enable() {
        try (DirectoryStream<Path> each = Files.newDirectoryStream(ports)) {
            for (Path port : each) {
                Path mode = port.resolve("hairpin_mode");
                if ("0".equals(Files.readString(mode, StandardCharsets.US_ASCII).trim())) {
                    Files.writeString(mode, "1", StandardCharsets.US_ASCII);
                }
            }
        } catch (NoSuchFileException e) {
            LOG.trace("no pod bridge ports at {}", ports);
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot set hairpin mode on the ports of {}: a pod cannot reach itself through a Service: {}",
                        ports.getParent().getFileName(), e.toString());
            }
        }
    }
}

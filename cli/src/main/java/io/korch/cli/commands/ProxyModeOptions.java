package io.korch.cli.commands;

import io.korch.agent.proxy.ProxyMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** How the commands that run node agents (agent, dev) have the node proxy carry Service traffic. */
public final class ProxyModeOptions {

    @Option(names = "--proxy-mode", paramLabel = "MODE", defaultValue = "iptables", converter = ModeConverter.class,
            description = "How Services are proxied, as kube-proxy's --proxy-mode: iptables (kernel NAT, TCP and UDP;"
                    + " needs root, else the agent falls back to userspace) or userspace (the agent's own TCP proxy)"
                    + " (default: ${DEFAULT-VALUE}).")
    ProxyMode mode;

    /** The mode asked for. */
    public ProxyMode mode() {
        return mode;
    }

    /** Reads a mode's name, with an error naming the modes there are. */
    public static final class ModeConverter implements ITypeConverter<ProxyMode> {
        @Override
        public ProxyMode convert(String value) {
            return ProxyMode.parse(value);
        }
    }
}

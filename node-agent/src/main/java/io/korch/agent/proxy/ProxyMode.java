package io.korch.agent.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the node proxy carries Service traffic, named as kube-proxy's {@code --proxy-mode}.
 *
 * <p>{@link #IPTABLES}: the kernel does it, with NAT rules in korch's own chains
 * ({@link io.korch.agent.proxy.iptables.IptablesProxier}); needs root and {@code iptables-restore}, and where
 * those are missing the agent falls back to {@link #USERSPACE} with a warning. {@link #USERSPACE}: the agent's
 * own TCP proxy ({@link NodeProxy}), which carries no UDP. In both modes the user-space proxy keeps the host
 * ports and the Service ports whose endpoints are off the pod network.
 */
public enum ProxyMode {
    IPTABLES("iptables"),
    USERSPACE("userspace");

    private final String flag;

    ProxyMode(String flag) {
        this.flag = flag;
    }

    /** The mode's name on the command line. */
    public String flag() {
        return flag;
    }

    /**
     * The mode named {@code text}.
     *
     * @throws IllegalArgumentException naming the modes there are
     */
    public static ProxyMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.flag.equals(text.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown proxy mode \"" + text + "\": expected "
                        + Arrays.stream(values()).map(ProxyMode::flag).collect(Collectors.joining(" or "))));
    }

    @Override
    public String toString() {
        return flag;
    }
}

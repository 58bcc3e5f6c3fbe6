package io.korch.gateway.validation;

import io.korch.api.Capabilities;
import io.korch.api.PodSecurityContext;
import io.korch.api.SecurityContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rules on the security contexts of a pod and its containers: user and group ids within
 * 0..2147483647 as Kubernetes checks them, capability names Linux knows (with or without
 * {@code CAP_}), and no root user where {@code runAsNonRoot} is set — which Kubernetes leaves to the
 * node to refuse at start, and korch refuses at once. A container's settings override the pod's.
 */
final class SecurityContextRules {

    static final String ID_RANGE = "must be between 0 and 2147483647, inclusive";
    static final String NON_ROOT = "must not be 0 when `runAsNonRoot` is true";

    /** The Linux capabilities, as capabilities(7) names them without {@code CAP_}. */
    static final Set<String> CAPABILITIES = Set.of("AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND",
            "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
            "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN",
            "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE",
            "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM", "ALL");

    private SecurityContextRules() {
    }

    static void pod(PodSecurityContext context, String path, Causes causes) {
        if (context == null) {
            return;
        }
        id(context.getRunAsUser(), path + ".runAsUser", causes);
        id(context.getRunAsGroup(), path + ".runAsGroup", causes);
        id(context.getFsGroup(), path + ".fsGroup", causes);
        List<Long> groups = context.getSupplementalGroups();
        for (int i = 0; i < groups.size(); i++) {
            id(groups.get(i), path + ".supplementalGroups[" + i + "]", causes);
        }
        if (Boolean.TRUE.equals(context.getRunAsNonRoot()) && Long.valueOf(0).equals(context.getRunAsUser())) {
            causes.invalid(path + ".runAsUser", 0, NON_ROOT);
        }
    }

    /** Checks a container's context at {@code path}, within a pod whose context is {@code pod} (may be null). */
    static void container(SecurityContext context, PodSecurityContext pod, String path, Causes causes) {
        if (context == null) {
            return;
        }
        id(context.getRunAsUser(), path + ".runAsUser", causes);
        id(context.getRunAsGroup(), path + ".runAsGroup", causes);
        boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot()
                : pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        if (nonRoot && Long.valueOf(0).equals(context.getRunAsUser())) {
            causes.invalid(path + ".runAsUser", 0, NON_ROOT);
        }
        if (Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()) && Boolean.TRUE.equals(context.getPrivileged())) {
            causes.invalid(path, "", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
        }
        Capabilities capabilities = context.getCapabilities();
        if (capabilities != null) {
            capabilities(capabilities.getAdd(), path + ".capabilities.add", causes);
            capabilities(capabilities.getDrop(), path + ".capabilities.drop", causes);
        }
    }

    private static void capabilities(List<String> names, String path, Causes causes) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String upper = name.toUpperCase(Locale.ROOT);
            String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
            if (!CAPABILITIES.contains(bare)) {
                causes.invalid(path + "[" + i + "]", name, "must be a Linux capability, such as NET_BIND_SERVICE");
            }
        }
    }

    private static void id(Long id, String path, Causes causes) {
        if (id != null && (id < 0 || id > Integer.MAX_VALUE)) {
            causes.invalid(path, id, ID_RANGE);
        }
    }
}

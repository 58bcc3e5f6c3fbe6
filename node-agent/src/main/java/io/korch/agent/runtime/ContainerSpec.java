package io.korch.agent.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a runtime needs to create one container: the runtime-neutral translation of a pod
 * container (see {@code io.korch.agent.ContainerSpecs}).
 *
 * @param name        unique container name, see {@link ContainerLabels#containerName}
 * @param image       image reference; runtimes never pull it
 * @param entrypoint  replaces the image entrypoint when not empty (the pod's {@code command})
 * @param cmd         replaces the image command when not empty (the pod's {@code args})
 * @param env         environment variables added to the image's
 * @param workingDir  working directory, or null for the image default
 * @param labels      labels, always including those of {@link ContainerLabels}
 * @param ports       the container's ports, as its pod declares them; runtimes publish none (the node proxy
 *                    forwards host ports, see {@code io.korch.agent.network.HostPorts})
 * @param memoryBytes memory limit in bytes, or null for none
 * @param nanoCpus    cpu limit in billionths of a cpu, or null for none
 * @param cpuShares   relative cpu weight from the cpu request (Kubernetes' {@code cpu.shares}), or null for the
 *                    runtime's default
 * @param mounts      directories of the node and memory file systems to mount, in the pod's order
 * @param security    user, groups, capabilities and privileges
 * @param network     which network the container is on: its runtime's default, the node's, its pod sandbox's, or
 *                    (for a sandbox) the pod network at an address of its own
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        String workingDir,
        Map<String, String> labels,
        List<PortMapping> ports,
        Long memoryBytes,
        Long nanoCpus,
        Long cpuShares,
        List<Mount> mounts,
        Security security,
        Network network) {

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
        security = security == null ? Security.NONE : security;
        network = network == null ? Network.DEFAULT : network;
    }

    /** A container on the runtime's default network. */
    public ContainerSpec(String name, String image, List<String> entrypoint, List<String> cmd, Map<String, String> env,
                         String workingDir, Map<String, String> labels, List<PortMapping> ports, Long memoryBytes,
                         Long nanoCpus, Long cpuShares, List<Mount> mounts, Security security) {
        this(name, image, entrypoint, cmd, env, workingDir, labels, ports, memoryBytes, nanoCpus, cpuShares, mounts,
                security, Network.DEFAULT);
    }

    /** A container without mounts, cpu weight or security settings. */
    public ContainerSpec(String name, String image, List<String> entrypoint, List<String> cmd, Map<String, String> env,
                         String workingDir, Map<String, String> labels, List<PortMapping> ports, Long memoryBytes,
                         Long nanoCpus) {
        this(name, image, entrypoint, cmd, env, workingDir, labels, ports, memoryBytes, nanoCpus, null, List.of(),
                Security.NONE, Network.DEFAULT);
    }

    /** This spec with {@code extra} mounts after its own and on {@code network}. */
    public ContainerSpec with(List<Mount> extra, Network network) {
        List<Mount> all = new ArrayList<>(mounts);
        all.addAll(extra);
        return new ContainerSpec(name, image, entrypoint, cmd, env, workingDir, labels, ports, memoryBytes, nanoCpus,
                cpuShares, all, security, network);
    }

    /**
     * One container port.
     *
     * @param containerPort port inside the container
     * @param hostPort      the port on the node's address the pod asks for, or null
     * @param protocol      {@code TCP}, {@code UDP} or {@code SCTP}
     */
    public record PortMapping(int containerPort, Integer hostPort, String protocol) {
    }

    /**
     * One mount: a directory or file of the node bound into the container, or a memory volume its pod's
     * containers share.
     *
     * @param source    the path on the node, for {@link Kind#BIND}; the volume's name, unique on the node, for
     *                  {@link Kind#POD_MEMORY}
     * @param target    the absolute path in the container
     * @param readOnly  whether the container may not write it
     * @param sizeBytes the size limit of a {@link Kind#POD_MEMORY}, or null for the runtime's default
     * @param podUid    the uid of the pod a {@link Kind#POD_MEMORY} volume belongs to, else null
     */
    public record Mount(Kind kind, String source, String target, boolean readOnly, Long sizeBytes, String podUid) {

        public Mount {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (kind == Kind.POD_MEMORY) {
                Objects.requireNonNull(podUid, "podUid");
            }
        }

        /** A mount that is no pod's memory volume. */
        public Mount(Kind kind, String source, String target, boolean readOnly, Long sizeBytes) {
            this(kind, source, target, readOnly, sizeBytes, null);
        }

        /** A path of the node bound into the container. */
        public static Mount bind(String source, String target, boolean readOnly) {
            return new Mount(Kind.BIND, source, target, readOnly, null);
        }

        /**
         * The memory volume {@code name} of pod {@code podUid}: one file system in memory for all of the pod's
         * containers that mount it, which lives until {@link ContainerRuntime#removePodVolumesExcept} removes it.
         */
        public static Mount podMemory(String name, String podUid, String target, Long sizeBytes) {
            return new Mount(Kind.POD_MEMORY, name, target, false, sizeBytes, podUid);
        }

        /** What a mount is backed by. */
        public enum Kind { BIND, POD_MEMORY }
    }

    /**
     * The network a container is on.
     *
     * @param kind     which one
     * @param target   the id of the sandbox container whose network to join, for {@link Kind#JOIN}; the name of
     *                 the network, for {@link Kind#ATTACH}; else null
     * @param ip       the container's address on the network, for {@link Kind#ATTACH}
     * @param hostname the container's host name, for {@link Kind#ATTACH}; the containers joining it share it
     */
    public record Network(Kind kind, String target, String ip, String hostname) {

        /** The runtime's default network. */
        public static final Network DEFAULT = new Network(Kind.DEFAULT, null, null, null);
        /** The node's own network namespace ({@code hostNetwork: true}). */
        public static final Network HOST = new Network(Kind.HOST, null, null, null);

        public Network {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.JOIN || kind == Kind.ATTACH) {
                Objects.requireNonNull(target, "target");
            }
            if (kind == Kind.ATTACH) {
                Objects.requireNonNull(ip, "ip");
            }
        }

        /** The network namespace of the running sandbox container {@code sandboxId}, shared by its pod. */
        public static Network join(String sandboxId) {
            return new Network(Kind.JOIN, sandboxId, null, null);
        }

        /** Network {@code network} at address {@code ip}, with host name {@code hostname}: a pod sandbox's. */
        public static Network attach(String network, String ip, String hostname) {
            return new Network(Kind.ATTACH, network, ip, hostname);
        }

        /** Which network. */
        public enum Kind { DEFAULT, HOST, JOIN, ATTACH }
    }

    /**
     * The effective security settings of a container: the pod's, overridden by the container's where set.
     *
     * @param runAsUser              the uid to run as, or null for the image's user
     * @param runAsGroup             the primary gid, or null for the image's
     * @param runAsNonRoot           whether the runtime must refuse to run the container as uid 0
     * @param supplementalGroups     extra gids of the process: the pod's fsGroup, then its supplementalGroups
     * @param readOnlyRootFilesystem whether the image's file system is mounted read-only
     * @param privileged             whether the container runs privileged
     * @param noNewPrivileges        whether the process may not gain privileges ({@code allowPrivilegeEscalation=false})
     * @param capAdd                 capabilities added, without the {@code CAP_} prefix
     * @param capDrop                capabilities dropped, without the {@code CAP_} prefix ({@code ALL} for all)
     */
    public record Security(
            Long runAsUser,
            Long runAsGroup,
            boolean runAsNonRoot,
            List<Long> supplementalGroups,
            boolean readOnlyRootFilesystem,
            boolean privileged,
            boolean noNewPrivileges,
            List<String> capAdd,
            List<String> capDrop) {

        /** The image's user and the runtime's defaults. */
        public static final Security NONE = new Security(null, null, false, List.of(), false, false, false, List.of(),
                List.of());

        public Security {
            supplementalGroups = List.copyOf(supplementalGroups);
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
        }

        /**
         * The runtime's user string, {@code uid}, {@code uid:gid}, or null for the image's user; with only a
         * group, that group applies to {@code imageUser} (the image's user, or root when it names none).
         */
        public String user(String imageUser) {
            if (runAsUser == null && runAsGroup == null) {
                return null;
            }
            String user = runAsUser != null ? Long.toString(runAsUser) : userPart(imageUser);
            return runAsGroup == null ? user : user + ":" + runAsGroup;
        }

        /**
         * Why the container must not run, as Kubernetes words it, or null when it may: with runAsNonRoot, the
         * user is 0, or the image's user is root or a name whose uid cannot be known.
         *
         * @param imageUser the image's configured user ({@code USER} of its Dockerfile), or null or empty for root
         */
        public String nonRootViolation(String imageUser) {
            if (!runAsNonRoot) {
                return null;
            }
            if (runAsUser != null) {
                return runAsUser == 0 ? "container's runAsUser breaks non-root policy" : null;
            }
            String user = userPart(imageUser);
            if (user.equals("0")) {
                return "container has runAsNonRoot and image will run as root";
            }
            if (!user.chars().allMatch(Character::isDigit)) {
                return "container has runAsNonRoot and image has non-numeric user (" + user
                        + "), cannot verify user is non-root";
            }
            return null;
        }

        /**
         * Whether {@link #user} or {@link #nonRootViolation} depend on the image's user: only when no
         * {@code runAsUser} is set and a {@code runAsGroup} or {@code runAsNonRoot} is.
         */
        public boolean needsImageUser() {
            return runAsUser == null && (runAsGroup != null || runAsNonRoot);
        }

        private static String userPart(String imageUser) {
            if (imageUser == null || imageUser.isEmpty()) {
                return "0";
            }
            int colon = imageUser.indexOf(':');
            String user = colon < 0 ? imageUser : imageUser.substring(0, colon);
            return user.isEmpty() ? "0" : user;
        }
    }
}

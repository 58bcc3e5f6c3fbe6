package io.korch.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the node agent needs from a container runtime: list its node's containers, create and start
 * them, stop and remove them. The agent calls it from its own threads only; implementations must be
 * safe for calls from several threads (reconciling and removing run concurrently). The agent waits out
 * grace periods itself ({@link #sendStopSignal}, then {@link #remove} with no grace), so no call of it
 * blocks for a grace period.
 *
 * <p>Every method talks to the runtime directly and reflects its current state; failures other than
 * those documented are {@link RuntimeException}s with a message fit for a pod's status.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The scheme of container ids in pod status, such as {@code docker} (ids read {@code docker://<id>}). */
    String name();

    /** The runtime and its version for the node's info, such as {@code docker://20.10.24}. */
    String version();

    /**
     * Every container labelled {@link ContainerLabels#NODE}{@code =nodeName}, in any state, including
     * containers created by an earlier agent process (so they can be adopted).
     */
    List<RuntimeContainer> list(String nodeName);

    /** The current state of one container, or empty if it does not exist. */
    Optional<RuntimeContainer> inspect(String id);

    /**
     * Creates a container without starting it. Never pulls images.
     *
     * @return the new container's id
     * @throws ImageNotPresentException if the image is not present on this node
     */
    String create(ContainerSpec spec);

    /** Starts a created or exited container; starting a running container does nothing. */
    void start(String id);

    /**
     * Asks a running container to stop: sends it its stop signal (SIGTERM unless its image says otherwise) and
     * returns without waiting for it to exit. Does nothing when the container is not running or does not exist.
     */
    void sendStopSignal(String id);

    /**
     * Kills a running container (SIGKILL) and keeps it, exited, as {@code docker kill} does: what a stop whose
     * grace period ran out ends with, so that the container is started again as its restart policy says. Does
     * nothing when the container is not running or does not exist.
     */
    void kill(String id);

    /**
     * Stops a container (its stop signal, then a kill once {@code gracePeriod} passed) and removes it; blocks
     * until it is gone. With a zero grace period the container is killed right away. Removing a container
     * that no longer exists does nothing.
     */
    void remove(String id, Duration gracePeriod);

    /**
     * Runs {@code command} inside the running container {@code id} and waits for it to end, at most
     * {@code timeout}; its stdout and stderr are captured together. A command still running when the time
     * is up is left to itself and reported {@link ExecResult#timedOut timed out}.
     *
     * @throws RuntimeException when the container does not run or the command cannot be started
     */
    ExecResult execCapture(String id, List<String> command, Duration timeout);

    /**
     * The address of the container on its network, which probes and hooks dial, or empty when it has
     * none (not running, or no network). A container that joined its pod sandbox's network has the
     * sandbox's address, the pod IP.
     */
    Optional<String> address(String id);

    /**
     * Streams the log of container {@code id} to {@code sink}: its latest run, or with
     * {@link LogRequest#previous()} the runs before its latest start, from {@link LogRequest#since()} on, only the
     * last {@link LogRequest#tailLines()} entries if given; then, when following, new entries until the container
     * stops or the handle is closed. Returns once the stream started; entries and the end arrive on the runtime's
     * thread. By default a runtime serves no logs.
     *
     * @throws IllegalArgumentException when the container does not exist
     */
    default StreamHandle logs(String id, LogRequest request, LogSink sink) {
        throw new UnsupportedOperationException("the " + name() + " runtime serves no container logs");
    }

    /**
     * Runs {@code request}'s command in running container {@code id}, as {@code docker exec} does, streaming its
     * output to {@code listener}; returns once it runs. By default a runtime runs no commands in containers.
     *
     * @throws IllegalArgumentException when the container does not exist or does not run
     */
    default ExecSession exec(String id, ExecRequest request, ExecListener listener) {
        throw new UnsupportedOperationException("the " + name() + " runtime cannot run commands in containers");
    }

    /**
     * Removes the {@link ContainerSpec.Mount.Kind#POD_MEMORY memory volumes} of node {@code nodeName} that belong
     * to no pod of {@code podUids}; their content is lost. A volume a container still mounts is left. By default
     * a runtime keeps no such volumes.
     *
     * @param podUids the pods whose volumes stay: those assigned, being set up, or with containers left
     */
    default void removePodVolumesExcept(String nodeName, Set<String> podUids) {
    }

    /** Releases the connection to the runtime; what happens to running containers is up to the runtime. */
    @Override
    void close();
}

package io.korch.agent;

import io.korch.agent.runtime.ContainerRuntime;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.runtime.ExecResult;
import io.korch.agent.runtime.RuntimeContainer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A runtime that can be made unreachable, as when the Docker daemon stops: while it is {@link #goDown down}
 * every call fails with the given reason; otherwise calls go to the wrapped runtime.
 */
final class SwitchableRuntime implements ContainerRuntime {

    private final ContainerRuntime runtime;
    private volatile String downReason;

    SwitchableRuntime(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Makes every call fail with {@code reason}. */
    void goDown(String reason) {
        downReason = reason;
    }

    /** Lets calls through again. */
    void comeBack() {
        downReason = null;
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public String version() {
        check();
        return runtime.version();
    }

    @Override
    public List<RuntimeContainer> list(String nodeName) {
        check();
        return runtime.list(nodeName);
    }

    @Override
    public Optional<RuntimeContainer> inspect(String id) {
        check();
        return runtime.inspect(id);
    }

    @Override
    public String create(ContainerSpec spec) {
        check();
        return runtime.create(spec);
    }

    @Override
    public void start(String id) {
        check();
        runtime.start(id);
    }

    @Override
    public void sendStopSignal(String id) {
        check();
        runtime.sendStopSignal(id);
    }

    @Override
    public void kill(String id) {
        check();
        runtime.kill(id);
    }

    @Override
    public void remove(String id, Duration gracePeriod) {
        check();
        runtime.remove(id, gracePeriod);
    }

    @Override
    public ExecResult execCapture(String id, List<String> command, Duration timeout) {
        check();
        return runtime.execCapture(id, command, timeout);
    }

    @Override
    public Optional<String> address(String id) {
        check();
        return runtime.address(id);
    }

    @Override
    public void close() {
        runtime.close();
    }

    private void check() {
        String reason = downReason;
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }
}

package io.korch.agent.proxy;

import java.util.ArrayList;
import java.util.List;

/** The threads of the node proxy, one per processor by default; each listened address has a socket on each. */
final class ProxyLoops implements AutoCloseable {

    private final List<ProxyLoop> loops = new ArrayList<>();

    ProxyLoops(int count, String name) {
        for (int i = 0; i < count; i++) {
            loops.add(new ProxyLoop(name + "-" + i));
        }
    }

    List<ProxyLoop> all() {
        return loops;
    }

    @Override
    public void close() {
        loops.forEach(ProxyLoop::close);
    }
}

package io.korch.agent.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of the node proxy, one per processor by default; connections are spread over them in turn. */
final class ProxyLoops implements AutoCloseable {

    private final List<ProxyLoop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    ProxyLoops(int count, String name) {
        for (int i = 0; i < count; i++) {
            loops.add(new ProxyLoop(name + "-" + i));
        }
    }

    /** The loop of the next connection or listener. */
    ProxyLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    @Override
    public void close() {
        loops.forEach(ProxyLoop::close);
    }
}

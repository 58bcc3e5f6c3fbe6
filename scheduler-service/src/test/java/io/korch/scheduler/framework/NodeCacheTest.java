package io.korch.scheduler.framework;

import static io.korch.scheduler.testing.Infos.podInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node bookkeeping as the placer asks it for candidates. */
class NodeCacheTest {

    private final NodeCache cache = new NodeCache();

    @Test
    void offersTheNodeOfAnOlderNamesakeAsItWillBeOnceThatPodLeftIt() {
        // given web on node-1, and node-2 empty
        node("node-1");
        node("node-2");
        cache.get("node-1").add(podInfo(Pods.pod("web").uid("old").cpu("1")).boundTo("node-1"));

        // when a new pod named web is placed
        List<NodeInfo> candidates = cache.candidatesWithout("default/web");

        // then node-1 is offered without the old web, and the cache still counts it
        assertThat(candidates).extracting(NodeInfo::name).containsExactly("node-1", "node-2");
        assertThat(candidates.get(0).requestedCpuMillis()).isZero();
        assertThat(cache.get("node-1").requestedCpuMillis()).isEqualTo(1000);
    }

    @Test
    void offersTheNodesThemselvesWhenNoPodOfTheKeyIsCounted() {
        node("node-1");
        cache.get("node-1").add(podInfo(Pods.pod("other")).boundTo("node-1"));

        assertThat(cache.candidatesWithout("default/web")).singleElement().isSameAs(cache.get("node-1"));
    }

    @Test
    void forgetsAPodKeyOnceNoNodeCountsIt() {
        node("node-1");
        node("node-2");
        cache.get("node-1").add(podInfo(Pods.pod("web").uid("a")).boundTo("node-1"));
        cache.get("node-2").add(podInfo(Pods.pod("web").uid("b")).boundTo("node-2"));

        cache.get("node-1").remove("default/web");
        cache.get("node-2").remove("default/web");

        assertThat(cache.candidatesWithout("default/web")).containsExactly(cache.get("node-1"), cache.get("node-2"));
    }

    @Test
    void offersNodesThatAppearAndNoLongerThoseThatGo() {
        node("node-1");
        assertThat(cache.candidates()).extracting(NodeInfo::name).containsExactly("node-1");

        node("node-2");
        cache.get("node-1").setNode(null);

        assertThat(cache.candidates()).extracting(NodeInfo::name).containsExactly("node-2");
    }

    private void node(String name) {
        cache.getOrCreate(name).setNode(Nodes.node(name).build());
    }
}

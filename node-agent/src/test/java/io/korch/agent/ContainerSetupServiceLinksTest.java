package io.korch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.agent.config.ConfigSource;
import io.korch.agent.config.NodeFacts;
import io.korch.agent.network.PodNetwork;
import io.korch.agent.network.ServiceLinks;
import io.korch.agent.runtime.ContainerSpec;
import io.korch.agent.volume.PodVolumes;
import io.korch.api.Pod;
import io.korch.api.PodSpec;
import io.korch.testkit.Pods;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Service environment variables in a container's environment, composed as the kubelet composes them. */
class ContainerSetupServiceLinksTest {

    private static final NodeFacts NODE = new NodeFacts("node-1", "127.0.0.1", 4000, 8L << 30);
    private static final ServiceLinks WEB = namespace -> "shop".equals(namespace)
            ? Map.of("WEB_SERVICE_HOST", "10.96.0.20", "WEB_SERVICE_PORT", "80") : Map.of();

    @TempDir
    Path dir;

    @Test
    void aContainerGetsTheVariablesOfItsNamespacesServicesAndItsOwnValueWins() {
        Pod pod = Pods.pod("client").namespace("shop").env("WEB_SERVICE_PORT", "8080")
                .env("URL", "http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT)").build();

        Map<String, String> env = spec(pod).env();

        assertThat(env).containsEntry("WEB_SERVICE_HOST", "10.96.0.20").containsEntry("WEB_SERVICE_PORT", "8080")
                .containsEntry("URL", "http://10.96.0.20:8080");
    }

    @Test
    void enableServiceLinksFalseTurnsThemOff() {
        Pod pod = Pods.pod("client").namespace("shop").build();
        Pod off = Pod.newBuilder(pod).setSpec(PodSpec.newBuilder(pod.getSpec()).setEnableServiceLinks(false).build())
                .build();

        assertThat(spec(pod).env()).containsKey("WEB_SERVICE_HOST");
        assertThat(spec(off).env()).doesNotContainKey("WEB_SERVICE_HOST");
    }

    @Test
    void aPodOfAnotherNamespaceGetsNone() {
        Pod pod = Pods.pod("client").namespace("other").build();

        assertThat(spec(pod).env()).doesNotContainKey("WEB_SERVICE_HOST");
    }

    private ContainerSpec spec(Pod pod) {
        ConfigSource source = new ConfigSource();
        ContainerSetup setup = new ContainerSetup("node-1", source, NODE,
                new PodVolumes(dir, source, NODE, Clock.systemUTC()), PodNetwork.NODE, null, WEB);
        return setup.spec(pod, pod.getSpec().getContainers().get(0), warning -> { });
    }
}

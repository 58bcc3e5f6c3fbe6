package io.korch.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.korch.cli.testing.BrokerAndGateway;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Kubernetes client, as a Java service uses it, against a real gateway on a real
 * broker: create, read, edit, scale and delete namespaces, deployments and pods; a watch; and an
 * informer that keeps seeing adds, updates and deletes across a restart of the gateway.
 */
class Fabric8ClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BrokerAndGateway cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = BrokerAndGateway.start();
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(cluster.gateway().url())
                        .withRequestRetryBackoffLimit(20).withRequestRetryBackoffInterval(250).build())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void createsReadsEditsScalesAndDeletesDeploymentsInANewNamespace() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        assertThat(client.namespaces().withName("shop").get().getStatus().getPhase()).isEqualTo("Active");

        var deployments = client.apps().deployments().inNamespace("shop");
        Deployment created = deployments.resource(deployment("web", 2)).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

        Deployment edited = deployments.withName("web")
                .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("edited", "yes").endMetadata().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("edited", "yes");
        assertThat(edited.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

        deployments.withName("web").scale(4);
        assertThat(deployments.withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployments.list().getItems()).extracting(d -> d.getMetadata().getName()).containsExactly("web");
        assertThat(deployments.withLabel("edited", "yes").list().getItems()).hasSize(1);
        assertThat(deployments.withLabel("edited", "no").list().getItems()).isEmpty();

        assertThatThrownBy(() -> deployments.resource(deployment("web", 1)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(deployments.withName("web").delete()).hasSize(1);
        await().atMost(WAIT).until(() -> deployments.withName("web").get() == null);
    }

    @Test
    void watchesAndInformsAcrossAGatewayRestart() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("jobs").endMetadata().build())
                .create();
        var pods = client.pods().inNamespace("jobs");
        List<String> watched = new CopyOnWriteArrayList<>();
        Watch watch = pods.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                watched.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        List<String> informed = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> informer = pods.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                informed.add("add " + pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (!after.getMetadata().getResourceVersion().equals(before.getMetadata().getResourceVersion())) {
                    informed.add("update " + after.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                informed.add("delete " + pod.getMetadata().getName());
            }
        });
        try {
            pods.resource(pod("a")).create();
            pods.withName("a").edit(p -> new PodBuilder(p).editMetadata().addToLabels("seen", "1").endMetadata().build());
            await().atMost(WAIT).until(() -> watched.containsAll(Set.of("ADDED a", "MODIFIED a")));
            await().atMost(WAIT).until(() -> informed.containsAll(Set.of("add a", "update a")));

            cluster.restartGateway();

            pods.resource(pod("b")).create();
            pods.withName("a").delete();
            await().atMost(WAIT).until(() -> informed.containsAll(Set.of("add b", "delete a")));
            assertThat(informer.getIndexer().list()).extracting(p -> p.getMetadata().getName()).containsExactly("b");
        } finally {
            watch.close();
            informer.close();
        }
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("korch/busybox:latest")
                .withCommand("sh", "-c", "sleep 3600").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("korch/busybox:latest").endContainer()
                .endSpec().build();
    }
}

package io.korch.cli.output;

import static io.korch.cli.testing.Fixtures.ago;
import static io.korch.cli.testing.Fixtures.deployment;
import static io.korch.cli.testing.Fixtures.node;
import static io.korch.cli.testing.Fixtures.pod;
import static io.korch.cli.testing.Fixtures.running;
import static io.korch.cli.testing.Fixtures.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Namespace;
import io.korch.api.Pod;
import io.korch.cli.testing.Cli;
import io.korch.cli.testing.Fixtures;
import io.korch.model.ApiKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectTablesTest {

    private static final ObjectTables.Options PLAIN = new ObjectTables.Options(false, false, Cli.NOW);
    private static final ObjectTables.Options WIDE = new ObjectTables.Options(true, false, Cli.NOW);

    @Test
    void listsPodsWithReadinessStatusRestartsAndAge() {
        // given
        List<Pod> pods = List.of(
                pod("web-1").nodeName("node-1").status(running(2)).created(ago(Duration.ofMinutes(5))).build(),
                pod("too-big").status(unschedulable("0/2 nodes are available: 2 Insufficient cpu.")).created(ago(Duration.ofSeconds(30))).build());

        // when
        String text = ObjectTables.table(ApiKind.POD, pods, PLAIN).render();

        // then
        assertThat(text).isEqualTo(""
                + "NAME      READY   STATUS    RESTARTS   AGE\n"
                + "web-1     1/1     Running   2          5m\n"
                + "too-big   0/1     Pending   0          30s\n");
    }

    @Test
    void addsIpAndNodeInWideOutputAndNamespaceAcrossNamespaces() {
        // given
        List<Pod> pods = List.of(pod("web-1").namespace("demo").nodeName("node-1").status(running(0)).build());
        ObjectTables.Options wideAcross = new ObjectTables.Options(true, true, Cli.NOW);

        // when
        String text = ObjectTables.table(ApiKind.POD, pods, wideAcross).render();

        // then
        assertThat(text.lines().findFirst().orElseThrow())
                .isEqualTo("NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   IP         NODE");
        assertThat(text).contains("demo        web-1   1/1     Running   0          5m    10.0.0.7   node-1");
    }

    @Test
    void listsDeploymentsWithReadyOverDesired() {
        // when
        String text = ObjectTables.table(ApiKind.DEPLOYMENT, List.of(deployment("web", 3, 2)), PLAIN).render();

        // then
        assertThat(text).isEqualTo(""
                + "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
                + "web    2/3     3            2           3h\n");
    }

    @Test
    void showsContainersImagesAndSelectorOfWideDeployments() {
        // when
        String text = ObjectTables.table(ApiKind.DEPLOYMENT, List.of(deployment("web", 3, 3)), WIDE).render();

        // then
        assertThat(text).contains("CONTAINERS   IMAGES                 SELECTOR")
                .contains("web          korch/busybox:latest   app=web");
    }

    @Test
    void listsNodesWithStatusRolesAgeAndVersion() {
        // when
        String text = ObjectTables.table(ApiKind.NODE, List.of(node("node-1", true), node("node-2", false)), PLAIN).render();

        // then
        assertThat(text).isEqualTo(""
                + "NAME     STATUS     ROLES    AGE   VERSION\n"
                + "node-1   Ready      <none>   2d    korch-0.1.0\n"
                + "node-2   NotReady   <none>   2d    korch-0.1.0\n");
    }

    @Test
    void showsAddressAndCapacityOfWideNodes() {
        // when
        String text = ObjectTables.table(ApiKind.NODE, List.of(node("node-1", true)), WIDE).render();

        // then
        assertThat(text).contains("INTERNAL-IP   CPU   MEMORY").contains("127.0.0.1     2     4Gi");
    }

    @Test
    void listsNamespacesAsActive() {
        // given
        Namespace namespace = Namespace.newBuilder().setMetadata(Fixtures.meta(null, "demo", Duration.ofDays(10))).build();

        // when
        String text = ObjectTables.table(ApiKind.NAMESPACE, List.of(namespace), PLAIN).render();

        // then
        assertThat(text).isEqualTo("NAME   STATUS   AGE\ndemo   Active   10d\n");
    }
}

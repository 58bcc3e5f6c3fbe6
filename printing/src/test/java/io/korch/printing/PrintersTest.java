package io.korch.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.korch.api.ConfigMap;
import io.korch.api.Deployment;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.Namespace;
import io.korch.api.Node;
import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.api.Secret;
import io.korch.api.ServiceAccount;
import io.korch.model.ApiKind;
import io.korch.testkit.ClusterEvents;
import io.korch.testkit.Deployments;
import io.korch.testkit.Nodes;
import io.korch.testkit.Pods;
import io.korch.testkit.ReplicaSets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The columns of each kind, as Kubernetes' printers define them, and the cells of objects under them. */
class PrintersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void podsHaveKubectlsColumnsWithIpAndNodeOnlyWhenWide() {
        assertThat(Printers.PODS.columns())
                .extracting(Column::name, Column::type, Column::format, Column::priority)
                .containsExactly(
                        tuple("Name", "string", "name", 0),
                        tuple("Ready", "string", "", 0),
                        tuple("Status", "string", "", 0),
                        tuple("Restarts", "string", "", 0),
                        tuple("Age", "string", "", 0),
                        tuple("IP", "string", "", 1),
                        tuple("Node", "string", "", 1));
        assertThat(Printers.PODS.columns()).allSatisfy(column -> assertThat(column.description()).isNotBlank());
    }

    @Test
    void aRunningPodShowsItsReadinessRestartsAgeAddressAndNode() {
        Pod pod = Pods.pod("web-1").nodeName("node-1").status(PodStates.running(2)).created(ago(Duration.ofMinutes(5)))
                .build();

        assertThat(Printers.PODS.cells(pod, NOW))
                .containsExactly("web-1", "1/1", "Running", "2", "5m", "10.0.0.7", "node-1");
        assertThat(Printers.PODS.conditions(pod)).isEmpty();
    }

    @Test
    void anUnscheduledPodHasNoAddressNorNode() {
        Pod pod = Pods.pod("too-big").created(ago(Duration.ofSeconds(30))).build();

        assertThat(Printers.PODS.cells(pod, NOW)).containsExactly("too-big", "0/1", "Pending", "0", "30s", "<none>", "<none>");
    }

    @Test
    void aPodThatRanToCompletionIsMarkedCompleted() {
        Pod succeeded = Pods.pod("job-1").status(PodStates.terminated("Succeeded", 0, "Completed")).build();
        Pod failed = Pods.pod("job-2").status(PodStates.terminated("Failed", 1, "Error")).build();

        assertThat(Printers.PODS.conditions(succeeded)).containsExactly(
                new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
        assertThat(Printers.PODS.conditions(failed)).containsExactly(
                new RowCondition("Completed", "True", "Failed", "The pod failed."));
    }

    @Test
    void deploymentsShowReadyOverDesiredAndCountsAsNumbers() {
        Deployment deployment = Deployments.deployment("web").replicas(3).created(ago(Duration.ofHours(3)))
                .status(DeploymentStatus.newBuilder().setReplicas(3).setUpdatedReplicas(3).setReadyReplicas(2)
                        .setAvailableReplicas(2).build())
                .build();

        assertThat(Printers.DEPLOYMENTS.columns()).extracting(Column::name, Column::priority).containsExactly(
                tuple("Name", 0), tuple("Ready", 0), tuple("Up-to-date", 0), tuple("Available", 0), tuple("Age", 0),
                tuple("Containers", 1), tuple("Images", 1), tuple("Selector", 1));
        assertThat(Printers.DEPLOYMENTS.cells(deployment, NOW))
                .containsExactly("web", "2/3", 3, 2, "3h", "main", Pods.IMAGE, "app=web");
    }

    @Test
    void replicaSetsShowDesiredCurrentAndReadyAsIntegers() {
        ReplicaSet declared = ReplicaSets.replicaSet("web-5d8f").replicas(null).created(ago(Duration.ofDays(3))).build();
        ReplicaSet replicaSet = ReplicaSet.newBuilder(declared)
                .setStatus(ReplicaSetStatus.newBuilder().setReplicas(1).setReadyReplicas(0).build())
                .build();

        assertThat(Printers.REPLICASETS.columns()).extracting(Column::name, Column::type, Column::priority)
                .startsWith(tuple("Name", "string", 0), tuple("Desired", "integer", 0), tuple("Current", "integer", 0),
                        tuple("Ready", "integer", 0), tuple("Age", "string", 0), tuple("Containers", "string", 1));
        assertThat(Printers.REPLICASETS.cells(replicaSet, NOW)).startsWith("web-5d8f", 1, 1, 0, "3d");
    }

    @Test
    void nodesShowStatusRolesVersionAndWideAddressAndCapacity() {
        Node node = Nodes.node("node-1").label("node-role.kubernetes.io/control-plane", "")
                .created(ago(Duration.ofDays(2))).cpu("2").memory("4Gi").address("InternalIP", "127.0.0.1")
                .ready("True").systemInfo("linux", "amd64", "korch-0.1.0").unschedulable().build();

        assertThat(Printers.NODES.columns()).extracting(Column::name, Column::priority).containsExactly(
                tuple("Name", 0), tuple("Status", 0), tuple("Roles", 0), tuple("Age", 0), tuple("Version", 0),
                tuple("Internal-IP", 1), tuple("CPU", 1), tuple("Memory", 1));
        assertThat(Printers.NODES.cells(node, NOW)).containsExactly("node-1", "Ready,SchedulingDisabled",
                "control-plane", "2d", "korch-0.1.0", "127.0.0.1", "2", "4Gi");
    }

    @Test
    void namespacesWithoutAPhaseAreActive() {
        Namespace namespace = Namespace.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("demo").setCreationTimestamp(ago(Duration.ofDays(10))).build())
                .build();

        assertThat(Printers.NAMESPACES.columns()).extracting(Column::name).containsExactly("Name", "Status", "Age");
        assertThat(Printers.NAMESPACES.cells(namespace, NOW)).containsExactly("demo", "Active", "10d");
    }

    @Test
    void eventsShowTheirLastOccurrenceAndObjectWithSourceFirstSeenCountAndNameWhenWide() {
        Event event = ClusterEvents.about("Pod", "web-1").warning("BackOff").message("Back-off restarting ")
                .seen(3, ago(Duration.ofMinutes(5)), ago(Duration.ofMinutes(2))).build();

        assertThat(Printers.EVENTS.columns()).extracting(Column::name, Column::format, Column::priority).containsExactly(
                tuple("Last Seen", "", 0), tuple("Type", "", 0), tuple("Reason", "", 0), tuple("Object", "", 0),
                tuple("Source", "", 1), tuple("Message", "", 0), tuple("First Seen", "", 1), tuple("Count", "", 1),
                tuple("Name", "name", 1));
        List<Object> cells = Printers.EVENTS.cells(event, NOW);
        assertThat(cells).startsWith("2m", "Warning", "BackOff", "pod/web-1", "agent, node-1", "Back-off restarting",
                "5m", 3);
        assertThat(cells.get(8)).isEqualTo(event.getMetadata().getName());
    }

    @Test
    void configMapsSecretsAndServiceAccountsShowKubectlsColumnsCountingKeysNotValues() {
        ObjectMeta meta = ObjectMeta.newBuilder().setName("app").setCreationTimestamp(ago(Duration.ofMinutes(3))).build();
        ConfigMap configMap = ConfigMap.newBuilder().setMetadata(meta).setData(Map.of("a", "1", "b", "2"))
                .setBinaryData(Map.of("c", "Mw==")).build();
        Secret secret = Secret.newBuilder().setMetadata(meta).setType("kubernetes.io/tls")
                .setData(Map.of("tls.crt", "Yw==", "tls.key", "aw==")).build();
        ServiceAccount account = ServiceAccount.newBuilder().setMetadata(meta).build();

        assertThat(Printers.CONFIGMAPS.columns()).extracting(Column::name).containsExactly("Name", "Data", "Age");
        assertThat(Printers.CONFIGMAPS.cells(configMap, NOW)).containsExactly("app", 3, "3m");
        assertThat(Printers.SECRETS.columns()).extracting(Column::name).containsExactly("Name", "Type", "Data", "Age");
        assertThat(Printers.SECRETS.cells(secret, NOW)).containsExactly("app", "kubernetes.io/tls", 2, "3m");
        assertThat(Printers.SERVICEACCOUNTS.columns()).extracting(Column::name).containsExactly("Name", "Secrets", "Age");
        assertThat(Printers.SERVICEACCOUNTS.cells(account, NOW)).containsExactly("app", 0, "3m");
    }

    @Test
    void everyKindHasAPrinterOfItsRecordLedByItsNameOrForEventsItsLastSeen() {
        for (ApiKind kind : ApiKind.values()) {
            TablePrinter<?> printer = Printers.of(kind);
            assertThat(printer.type()).isEqualTo(kind.type());
            if (kind == ApiKind.EVENT) {
                assertThat(printer.columns()).first().extracting(Column::name).isEqualTo("Last Seen");
            } else {
                assertThat(printer.columns()).first().extracting(Column::format).isEqualTo("name");
            }
        }
    }

    private static Instant ago(Duration age) {
        return NOW.minus(age);
    }
}

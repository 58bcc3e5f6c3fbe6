package io.korch.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Event;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodOwnership;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.StatusUpdate;
import io.korch.controllers.testing.SequentialIds;
import io.korch.model.Owners;
import io.korch.testkit.PodReports;
import io.korch.testkit.Pods;
import io.korch.testkit.ReplicaSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaSetReconcilerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final SequentialIds ids = new SequentialIds();

    private static ReplicaSetObserved nothing() {
        return new ReplicaSetObserved(List.of(), Set.of(), null);
    }

    /** Pods created {@code count} at a time, one second apart, so the later ones are newer. */
    private List<Pod> podsOf(ReplicaSet rs, int count) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pods.add(ReplicaSetReconciler.newPod(rs, Set.of(), NOW.plusSeconds(i), ids));
        }
        return pods;
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(pod -> pod.getMetadata().getName()).toList();
    }

    @Test
    void createsTheMissingPodsFromTheTemplate() {
        // given
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, nothing(), NOW, ids);

        // then
        assertThat(actions.delete()).isEmpty();
        assertThat(names(actions.create())).containsExactly("web-bbbbb", "web-bbbbc", "web-bbbbd");
        Pod pod = actions.create().get(0);
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(pod.getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(pod.getMetadata().getCreationTimestamp()).isEqualTo(NOW);
        assertThat(pod.getMetadata().getLabels()).isEqualTo(web.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(pod.getSpec()).isEqualTo(web.getSpec().getTemplate().getSpec());
        assertThat(pod.getStatus()).isNull();
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("ReplicaSet");
        assertThat(owner.getName()).isEqualTo("web");
        assertThat(owner.getUid()).isEqualTo("rs-uid-web");
        assertThat(owner.getController()).isTrue();
        assertThat(actions.events()).extracting(Event::getReason).containsOnly("SuccessfulCreate").hasSize(3);
        assertThat(actions.events().get(0).getMessage()).isEqualTo("Created pod: web-bbbbb");
        assertThat(actions.status().status().getReplicas()).isEqualTo(3);
    }

    @Test
    void createsOnePodWhenReplicasAreLeftOut() {
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(null).build();

        assertThat(ReplicaSetReconciler.reconcile(web, nothing(), NOW, ids).create()).hasSize(1);
    }

    @Test
    void neverReusesTheNameOfAnExistingPod() {
        // given a pod already named web-bbbbb and ids that will suggest that name first
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        Pod existing = ReplicaSetReconciler.newPod(web, Set.of(), NOW, new SequentialIds());
        ReplicaSetObserved observed = new ReplicaSetObserved(List.of(new ObservedPod(existing, null, null)), Set.of(), null);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, new SequentialIds());

        // then
        assertThat(names(actions.create())).containsExactly("web-bbbbc");
    }

    @Test
    void doesNothingWhenAppliedToItsOwnResult() {
        // given the state after a first reconcile
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        ReplicaSetActions first = ReplicaSetReconciler.reconcile(web, nothing(), NOW, ids);
        List<ObservedPod> pods = first.create().stream().map(pod -> new ObservedPod(pod, null, null)).toList();

        // when reconciled again
        ReplicaSetActions again = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(pods, Set.of(), first.status().status()), NOW.plusSeconds(10), ids);

        // then
        assertThat(again.create()).isEmpty();
        assertThat(again.delete()).isEmpty();
        assertThat(again.events()).isEmpty();
        assertThat(again.status()).isEqualTo(StatusUpdate.keep());
    }

    @Test
    void scalesDownByDeletingNewestPodsFirst() {
        // given five unscheduled pods created one second apart
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        List<Pod> pods = podsOf(web, 5);
        List<ObservedPod> observed = pods.stream().map(pod -> new ObservedPod(pod, null, null)).toList();

        // when scaled to 2
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(observed, Set.of(), null), NOW, ids);

        // then the three newest go
        assertThat(actions.create()).isEmpty();
        assertThat(actions.delete()).containsExactly(pods.get(4), pods.get(3), pods.get(2));
        assertThat(actions.events()).extracting(Event::getReason).containsOnly("SuccessfulDelete");
        assertThat(actions.status().status().getReplicas()).isEqualTo(2);
    }

    @Test
    void scalesDownUnscheduledBeforeScheduledBeforeRunningPods() {
        // given, oldest to newest: a running ready pod, a running unready pod, a scheduled pod, an unscheduled pod
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(0).build();
        List<Pod> pods = podsOf(web, 4);
        ObservedPod runningReady = new ObservedPod(pods.get(3), "node-1", PodReports.runningReady(pods.get(3), "node-1"));
        ObservedPod runningUnready = new ObservedPod(pods.get(2), "node-1",
                PodReports.report(pods.get(2), "node-1", "Running", false));
        ObservedPod scheduled = new ObservedPod(pods.get(1), "node-1", null);
        ObservedPod unscheduled = new ObservedPod(pods.get(0), null, null);

        // when all must go, the order is by progress, not by age
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(runningReady, runningUnready, scheduled, unscheduled), Set.of(), null),
                NOW, ids);

        // then
        assertThat(actions.delete()).containsExactly(pods.get(0), pods.get(1), pods.get(2), pods.get(3));
    }

    @Test
    void keepsTheRunningPodsWhenScalingDown() {
        // given an old unscheduled pod and a newer running one
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        List<Pod> pods = podsOf(web, 2);
        ObservedPod oldUnscheduled = new ObservedPod(pods.get(0), null, null);
        ObservedPod newRunning = new ObservedPod(pods.get(1), "node-1", PodReports.runningReady(pods.get(1), "node-1"));

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(oldUnscheduled, newRunning), Set.of(), null), NOW, ids);

        // then
        assertThat(actions.delete()).containsExactly(pods.get(0));
    }

    @Test
    void replacesPodsBoundToANotReadyNode() {
        // given three running pods, one of them on node-2, which is NotReady
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        List<Pod> pods = podsOf(web, 3);
        List<ObservedPod> observed = List.of(
                new ObservedPod(pods.get(0), "node-1", PodReports.runningReady(pods.get(0), "node-1")),
                new ObservedPod(pods.get(1), "node-2", PodReports.runningReady(pods.get(1), "node-2")),
                new ObservedPod(pods.get(2), "node-1", PodReports.runningReady(pods.get(2), "node-1")));

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(observed, Set.of("node-2"), null), NOW, ids);

        // then the pod on node-2 is deleted and one new pod is created
        assertThat(actions.delete()).containsExactly(pods.get(1));
        assertThat(actions.create()).hasSize(1);
        assertThat(actions.events()).extracting(Event::getMessage).contains(
                "Deleted pod: " + pods.get(1).getMetadata().getName() + " (node node-2 is NotReady)");
        ReplicaSetStatus status = actions.status().status();
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void replacesFailedPods() {
        // given two pods, one reported Failed
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        List<Pod> pods = podsOf(web, 2);
        List<ObservedPod> observed = List.of(
                new ObservedPod(pods.get(0), "node-1", PodReports.runningReady(pods.get(0), "node-1")),
                new ObservedPod(pods.get(1), "node-1", PodReports.report(pods.get(1), "node-1", "Failed", false)));

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(observed, Set.of(), null), NOW, ids);

        // then
        assertThat(actions.delete()).containsExactly(pods.get(1));
        assertThat(actions.create()).hasSize(1);
        assertThat(actions.events()).extracting(Event::getMessage).contains(
                "Deleted pod: " + pods.get(1).getMetadata().getName() + " (phase Failed)");
    }

    @Test
    void replacesPodsOfAnEarlierReplicaSetOfTheSameName() {
        // given a pod written for an earlier ReplicaSet "web" with another uid
        ReplicaSet earlier = ReplicaSets.replicaSet("web").uid("earlier").replicas(1).build();
        Pod stale = ReplicaSetReconciler.newPod(earlier, Set.of(), NOW, ids);
        ReplicaSet web = ReplicaSets.replicaSet("web").uid("current").replicas(1).build();

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(new ObservedPod(stale, null, null)), Set.of(), null), NOW, ids);

        // then
        assertThat(actions.delete()).containsExactly(stale);
        assertThat(actions.create()).hasSize(1);
        assertThat(actions.create().get(0).getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("current");
    }

    @Test
    void countsReadyAndFullyLabeledPodsInTheStatus() {
        // given three pods: ready, running but unready, and one that lost a template label the selector does not require
        ReplicaSet web = ReplicaSets.replicaSet("web").templateLabel("tier", "front").replicas(3).generation(7).build();
        List<Pod> pods = podsOf(web, 3);
        Pod relabelled = Pod.newBuilder(pods.get(2)).build();
        relabelled.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of("app", "web")));
        List<ObservedPod> observed = List.of(
                new ObservedPod(pods.get(0), "node-1", PodReports.runningReady(pods.get(0), "node-1")),
                new ObservedPod(pods.get(1), "node-1", PodReports.report(pods.get(1), "node-1", "Running", false)),
                new ObservedPod(relabelled, "node-1", PodReports.runningReady(relabelled, "node-1")));

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(observed, Set.of(), null), NOW, ids);

        // then
        ReplicaSetStatus status = actions.status().status();
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getFullyLabeledReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getObservedGeneration()).isEqualTo(7L);
    }

    @Test
    void aReadyPodIsAvailableOnlyOnceItHasBeenReadyForMinReadySeconds() {
        // given a ReplicaSet with minReadySeconds 10, one pod ready for 4 s and one for 12 s
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        web.getSpec().setMinReadySeconds(10);
        List<Pod> pods = podsOf(web, 2);
        List<ObservedPod> observed = List.of(
                new ObservedPod(pods.get(0), "node-1", PodReports.runningReadySince(pods.get(0), "node-1", NOW.minusSeconds(4))),
                new ObservedPod(pods.get(1), "node-1", PodReports.runningReadySince(pods.get(1), "node-1", NOW.minusSeconds(12))));

        // then both count as ready, one as available, and the other becomes available in 6 s
        ReplicaSetStatus status = ReplicaSetReconciler.status(web, observed, NOW);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(1);
        assertThat(ReplicaSetReconciler.nextAvailable(web, observed, NOW)).isEqualTo(NOW.plusSeconds(6));
        assertThat(ReplicaSetReconciler.status(web, observed, NOW.plusSeconds(6)).getAvailableReplicas()).isEqualTo(2);
        assertThat(ReplicaSetReconciler.nextAvailable(web, observed, NOW.plusSeconds(6))).isNull();
    }

    @Test
    void writesTheStatusOnlyWhenItChanged() {
        // given a status already written for the same pods
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        List<Pod> pods = podsOf(web, 1);
        List<ObservedPod> observed = List.of(new ObservedPod(pods.get(0), null, null));
        ReplicaSetStatus written = ReplicaSetReconciler.status(web, observed, NOW);

        // when the pod becomes ready
        List<ObservedPod> ready = List.of(new ObservedPod(pods.get(0), "node-1", PodReports.runningReady(pods.get(0), "node-1")));

        // then only the changed status is written
        assertThat(ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(observed, Set.of(), written), NOW, ids).status())
                .isEqualTo(StatusUpdate.keep());
        assertThat(ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(ready, Set.of(), written), NOW, ids)
                .status().status().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void deletesEveryPodAndTheStatusWhenTheReplicaSetIsDeleted() {
        // given
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        List<Pod> pods = podsOf(web, 2);
        List<ObservedPod> observed = pods.stream().map(pod -> new ObservedPod(pod, "node-1", null)).toList();
        ReplicaSetStatus written = ReplicaSetReconciler.status(web, observed, NOW);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(null, new ReplicaSetObserved(observed, Set.of(), written), NOW, ids);

        // then
        assertThat(actions.delete()).containsExactlyElementsOf(pods);
        assertThat(actions.create()).isEmpty();
        assertThat(actions.status()).isEqualTo(StatusUpdate.delete());
    }

    @Test
    void keepsGeneratedNamesWithinADnsLabel() {
        ReplicaSet longName = ReplicaSets.replicaSet("a".repeat(70)).app("long").replicas(1).build();

        Pod pod = ReplicaSetReconciler.reconcile(longName, nothing(), NOW, ids).create().get(0);

        assertThat(pod.getMetadata().getName()).hasSize(63);
    }

    @Test
    void aRequestedDeletionDeletesThePodWithTheRequestsUid() {
        // given
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        Pod pod = podsOf(web, 1).get(0);
        Pod request = Pod.newBuilder(pod).build();
        request.getMetadata().setDeletionTimestamp(NOW);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.deleteRequested(web, pod, request, NOW);

        // then
        assertThat(actions.delete()).containsExactly(pod);
        assertThat(actions.create()).isEmpty();
        assertThat(actions.status().kind()).isEqualTo(StatusUpdate.keep().kind());
        assertThat(actions.events()).extracting(Event::getReason).containsExactly("SuccessfulDelete");
        assertThat(actions.events().get(0).getMessage()).isEqualTo("Deleted pod: " + pod.getMetadata().getName());
    }

    @Test
    void aRequestedDeletionOfAnotherUidOrAMissingPodDoesNothing() {
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        Pod pod = podsOf(web, 1).get(0);
        Pod older = Pod.newBuilder(pod).build();
        older.getMetadata().setUid("uid-of-an-older-pod");
        Pod noUid = Pod.newBuilder(pod).build();
        noUid.getMetadata().setUid(null);

        for (ReplicaSetActions actions : List.of(
                ReplicaSetReconciler.deleteRequested(web, pod, older, NOW),
                ReplicaSetReconciler.deleteRequested(web, pod, noUid, NOW),
                ReplicaSetReconciler.deleteRequested(web, null, pod, NOW),
                ReplicaSetReconciler.deleteRequested(web, pod, null, NOW))) {
            assertThat(actions.delete()).isEmpty();
            assertThat(actions.create()).isEmpty();
            assertThat(actions.events()).isEmpty();
            assertThat(actions.status().kind()).isEqualTo(StatusUpdate.keep().kind());
        }
    }

    @Test
    void aRequestedDeletionOfAPodWhoseReplicaSetIsGoneRecordsNoEvent() {
        Pod pod = podsOf(ReplicaSets.replicaSet("web").build(), 1).get(0);

        ReplicaSetActions actions = ReplicaSetReconciler.deleteRequested(null, pod, pod, NOW);

        assertThat(actions.delete()).containsExactly(pod);
        assertThat(actions.events()).isEmpty();
    }

    // --- grouping by the selector: adoption, release, orphaning ---------------------------------

    /** {@code pod} as a user declared it, running and ready on node-1, no controller. */
    private static ObservedPod declaredOrphan(Pod pod) {
        return new ObservedPod(pod, "node-1", PodReports.runningReady(pod, "node-1"), true);
    }

    /** {@code pod} as a user declared it, adopted by {@code owner}, running and ready on node-1. */
    private static ObservedPod declaredAdopted(Pod pod, ReplicaSet owner) {
        Pod adopted = Owners.withOwnership(pod, ReplicaSetReconciler.ownership(pod, owner, NOW));
        return new ObservedPod(adopted, "node-1", PodReports.runningReady(pod, "node-1"), true);
    }

    private static ObservedPod running(Pod pod) {
        return new ObservedPod(pod, "node-1", PodReports.runningReady(pod, "node-1"));
    }

    @Test
    void adoptsAMatchingOrphanAndCreatesOnlyThePodsStillMissing() {
        // given an orphan labelled like the ReplicaSet's pods and one labelled otherwise
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        Pod debug = Pods.pod("debug").label("app", "web").build();
        Pod other = Pods.pod("other").label("app", "cache").build();
        ReplicaSetObserved observed = new ReplicaSetObserved(
                List.of(), List.of(declaredOrphan(debug), declaredOrphan(other)), Set.of(), null);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, ids);

        // then it adopts the matching one, which counts, and creates two more
        assertThat(names(actions.adopt())).containsExactly("debug");
        assertThat(actions.create()).hasSize(2);
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.release()).isEmpty();
        assertThat(actions.status().status().getReplicas()).isEqualTo(3);
        assertThat(actions.status().status().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void theOwnershipOfAnAdoptedPodIsAControllerReferenceToTheReplicaSet() {
        ReplicaSet web = ReplicaSets.replicaSet("web").build();
        Pod debug = Pods.pod("debug").uid("pod-uid-debug").label("app", "web").build();

        PodOwnership ownership = ReplicaSetReconciler.ownership(debug, web, NOW);

        assertThat(ownership.getPodUid()).isEqualTo("pod-uid-debug");
        OwnerReference owner = ownership.getOwnerReferences().get(0);
        assertThat(owner.getApiVersion()).isEqualTo("apps/v1");
        assertThat(owner.getKind()).isEqualTo("ReplicaSet");
        assertThat(owner.getName()).isEqualTo("web");
        assertThat(owner.getUid()).isEqualTo("rs-uid-web");
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
        assertThat(ReplicaSetReconciler.ownership(debug, null, NOW).getOwnerReferences()).isEmpty();
    }

    @Test
    void adoptsOnlyAsManyOrphansAsItLacksTheMostAdvancedFirst() {
        // given a ReplicaSet of one and two matching orphans, one unscheduled, one running and ready
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        Pod pending = Pods.pod("pending").label("app", "web").build();
        Pod ready = Pods.pod("ready").label("app", "web").build();
        ReplicaSetObserved observed = new ReplicaSetObserved(List.of(),
                List.of(new ObservedPod(pending, null, null, true), declaredOrphan(ready)), Set.of(), null);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, ids);

        // then
        assertThat(names(actions.adopt())).containsExactly("ready");
        assertThat(actions.create()).isEmpty();
        assertThat(actions.delete()).isEmpty();
    }

    @Test
    void adoptsNothingWhenItHasAllItsPods() {
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        List<ObservedPod> own = podsOf(web, 2).stream().map(ReplicaSetReconcilerTest::running).toList();
        ReplicaSetObserved observed = new ReplicaSetObserved(own,
                List.of(declaredOrphan(Pods.pod("debug").label("app", "web").build())), Set.of(), null);

        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, ids);

        assertThat(actions.adopt()).isEmpty();
        assertThat(actions.create()).isEmpty();
        assertThat(actions.delete()).isEmpty();
    }

    @Test
    void doesNotAdoptAnOrphanThatFinishedOrIsOnANotReadyNode() {
        // given
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        Pod failed = Pods.pod("failed").label("app", "web").build();
        Pod lost = Pods.pod("lost").label("app", "web").build();
        ReplicaSetObserved observed = new ReplicaSetObserved(List.of(), List.of(
                new ObservedPod(failed, "node-1", PodReports.report(failed, "node-1", "Failed", false), true),
                new ObservedPod(lost, "node-2", PodReports.runningReady(lost, "node-2"), true)),
                Set.of("node-2"), null);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, ids);

        // then
        assertThat(actions.adopt()).isEmpty();
        assertThat(actions.create()).hasSize(2);
    }

    @Test
    void releasesAPodWhoseLabelsStopMatchingAndReplacesIt() {
        // given two running pods, one of which a user relabelled out of the selector
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(2).build();
        List<Pod> pods = podsOf(web, 2);
        Pod debugged = Pod.newBuilder(pods.get(1)).build();
        debugged.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of("app", "debug")));
        ReplicaSetObserved observed = new ReplicaSetObserved(
                List.of(running(pods.get(0)), running(debugged)), Set.of(), null);

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, observed, NOW, ids);

        // then it lets the pod live on as an orphan, and a new pod takes its place
        assertThat(names(actions.release())).containsExactly(debugged.getMetadata().getName());
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.create()).hasSize(1);
        assertThat(actions.status().status().getReplicas()).isEqualTo(2);
    }

    @Test
    void releasesADeclaredPodWhereItWouldDeleteOne() {
        // given an adopted pod that failed, and a ReplicaSet scaled to zero with another adopted pod
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        Pod failed = Pods.pod("failed").label("app", "web").build();
        Pod adopted = Owners.withOwnership(failed, ReplicaSetReconciler.ownership(failed, web, NOW));
        ObservedPod failedPod = new ObservedPod(adopted, "node-1",
                PodReports.report(failed, "node-1", "Failed", false), true);

        // when
        ReplicaSetActions replaced = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(failedPod), Set.of(), null), NOW, ids);
        ReplicaSetActions scaledDown = ReplicaSetReconciler.reconcile(
                ReplicaSets.replicaSet("web").replicas(0).build(),
                new ReplicaSetObserved(List.of(declaredAdopted(Pods.pod("debug").label("app", "web").build(), web)),
                        Set.of(), null), NOW, ids);

        // then the controller, which cannot delete what a user declared, releases it
        assertThat(names(replaced.release())).containsExactly("failed");
        assertThat(replaced.delete()).isEmpty();
        assertThat(replaced.create()).hasSize(1);
        assertThat(names(scaledDown.release())).containsExactly("debug");
        assertThat(scaledDown.delete()).isEmpty();
    }

    @Test
    void scalesDownThePodsItWroteBeforeThoseAUserDeclared() {
        // given a ReplicaSet of one with two pods it wrote and one it adopted
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        List<ObservedPod> pods = new ArrayList<>(podsOf(web, 2).stream().map(ReplicaSetReconcilerTest::running).toList());
        pods.add(declaredAdopted(Pods.pod("debug").label("app", "web").build(), web));

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(web, new ReplicaSetObserved(pods, Set.of(), null), NOW, ids);

        // then
        assertThat(actions.delete()).hasSize(2);
        assertThat(actions.release()).isEmpty();
        assertThat(actions.status().status().getReplicas()).isEqualTo(1);
    }

    @Test
    void anOrphaningDeletionReleasesEveryPodAndDeletesNone() {
        // given a ReplicaSet being deleted with propagationPolicy Orphan, with two pods it wrote and one it adopted
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        List<ObservedPod> pods = new ArrayList<>(podsOf(web, 2).stream().map(ReplicaSetReconcilerTest::running).toList());
        pods.add(declaredAdopted(Pods.pod("debug").label("app", "web").build(), web));
        ReplicaSet deleting = ReplicaSet.newBuilder(web).build();
        deleting.getMetadata().setDeletionTimestamp(NOW);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)));
        ReplicaSetStatus written = ReplicaSetStatus.newBuilder().setReplicas(3).build();

        // when
        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(deleting,
                new ReplicaSetObserved(pods, List.of(declaredOrphan(Pods.pod("other").label("app", "web").build())),
                        Set.of(), written), NOW, ids);

        // then
        assertThat(actions.release()).hasSize(3);
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.create()).isEmpty();
        assertThat(actions.adopt()).isEmpty();
        assertThat(actions.status().kind()).isEqualTo(StatusUpdate.Kind.DELETE);
    }

    @Test
    void aDeletedReplicaSetDeletesThePodsItWroteAndReleasesThoseAUserDeclared() {
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(3).build();
        List<ObservedPod> pods = new ArrayList<>(podsOf(web, 2).stream().map(ReplicaSetReconcilerTest::running).toList());
        pods.add(declaredAdopted(Pods.pod("debug").label("app", "web").build(), web));

        ReplicaSetActions actions = ReplicaSetReconciler.reconcile(null, new ReplicaSetObserved(pods, Set.of(), null), NOW, ids);

        assertThat(actions.delete()).hasSize(2);
        assertThat(names(actions.release())).containsExactly("debug");
    }

    @Test
    void doesNothingWhenAppliedToTheStateItsAdoptionProduced() {
        // given
        ReplicaSet web = ReplicaSets.replicaSet("web").replicas(1).build();
        Pod debug = Pods.pod("debug").label("app", "web").build();
        ReplicaSetActions first = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(), List.of(declaredOrphan(debug)), Set.of(), null), NOW, ids);

        // when
        ReplicaSetActions again = ReplicaSetReconciler.reconcile(web,
                new ReplicaSetObserved(List.of(declaredAdopted(debug, web)), Set.of(), first.status().status()), NOW, ids);

        // then
        assertThat(names(first.adopt())).containsExactly("debug");
        assertThat(again.adopt()).isEmpty();
        assertThat(again.release()).isEmpty();
        assertThat(again.create()).isEmpty();
        assertThat(again.delete()).isEmpty();
        assertThat(again.status().kind()).isEqualTo(StatusUpdate.Kind.KEEP);
    }
}

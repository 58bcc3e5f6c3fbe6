package io.korch.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Deployment;
import io.korch.api.DeploymentCondition;
import io.korch.api.DeploymentStatus;
import io.korch.api.Event;
import io.korch.api.OwnerReference;
import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetStatus;
import io.korch.controllers.StatusUpdate;
import io.korch.controllers.testing.SequentialIds;
import io.korch.model.Owners;
import io.korch.testkit.Deployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentReconcilerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final SequentialIds ids = new SequentialIds();

    private static DeploymentObserved nothing() {
        return new DeploymentObserved(List.of(), Map.of(), null);
    }

    private static ReplicaSetStatus rsStatus(int replicas, int ready) {
        return ReplicaSetStatus.newBuilder()
                .setReplicas(replicas).setFullyLabeledReplicas(replicas)
                .setReadyReplicas(ready).setAvailableReplicas(ready)
                .setObservedGeneration(1L).build();
    }

    /** The observed state once every action of {@code actions} is applied to {@code before}. */
    private static DeploymentObserved after(DeploymentObserved before, DeploymentActions actions) {
        Map<String, ReplicaSet> byName = new HashMap<>();
        before.replicaSets().forEach(rs -> byName.put(rs.getMetadata().getName(), rs));
        actions.delete().forEach(rs -> byName.remove(rs.getMetadata().getName()));
        actions.write().forEach(rs -> byName.put(rs.getMetadata().getName(), rs));
        DeploymentStatus status = switch (actions.status().kind()) {
            case KEEP -> before.status();
            case WRITE -> actions.status().status();
            case DELETE -> null;
        };
        Map<String, ReplicaSetStatus> statuses = new HashMap<>(before.replicaSetStatus());
        statuses.keySet().retainAll(byName.keySet());
        return new DeploymentObserved(new ArrayList<>(byName.values()), statuses, status);
    }

    @Test
    void createsOneReplicaSetNamedAfterTheTemplateHash() {
        // given
        Deployment web = Deployments.deployment("web").replicas(3).build();
        String hash = TemplateHash.of(web.getSpec().getTemplate());

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(web, nothing(), NOW, ids);

        // then
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.write()).hasSize(1);
        ReplicaSet rs = actions.write().get(0);
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(rs.getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(rs.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(rs.getMetadata().getCreationTimestamp()).isEqualTo(NOW);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry(DeploymentReconciler.REVISION_ANNOTATION, "1");
        assertThat(rs.getMetadata().getLabels()).containsEntry("app", "web").containsEntry(TemplateHash.LABEL, hash);
        assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
        assertThat(rs.getSpec().getSelector().getMatchLabels())
                .containsEntry("app", "web").containsEntry(TemplateHash.LABEL, hash);
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "web").containsEntry(TemplateHash.LABEL, hash);
        assertThat(rs.getSpec().getTemplate().getSpec()).isEqualTo(web.getSpec().getTemplate().getSpec());
        OwnerReference owner = rs.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("Deployment");
        assertThat(owner.getApiVersion()).isEqualTo("apps/v1");
        assertThat(owner.getName()).isEqualTo("web");
        assertThat(owner.getUid()).isEqualTo(web.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        assertThat(actions.events()).extracting(Event::getReason).containsExactly("ScalingReplicaSet");
        assertThat(actions.events().get(0).getMessage()).isEqualTo("Scaled up replica set web-" + hash + " from 0 to 3");
    }

    @Test
    void declaresOneReplicaWhenReplicasAreLeftOut() {
        Deployment web = Deployments.deployment("web").replicas(null).build();

        DeploymentActions actions = DeploymentReconciler.reconcile(web, nothing(), NOW, ids);

        assertThat(actions.write().get(0).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void doesNothingWhenAppliedToItsOwnResult() {
        // given the state after a first reconcile
        Deployment web = Deployments.deployment("web").build();
        DeploymentObserved observed = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));

        // when reconciled again, later
        DeploymentActions again = DeploymentReconciler.reconcile(web, observed, NOW.plusSeconds(30), ids);

        // then
        assertThat(again.write()).isEmpty();
        assertThat(again.delete()).isEmpty();
        assertThat(again.events()).isEmpty();
        assertThat(again.status()).isEqualTo(StatusUpdate.keep());
    }

    @Test
    void scalesTheCurrentReplicaSetAndCountsItsGeneration() {
        // given web at 3 replicas
        Deployment three = Deployments.deployment("web").replicas(3).build();
        DeploymentObserved observed = after(nothing(), DeploymentReconciler.reconcile(three, nothing(), NOW, ids));
        ReplicaSet before = observed.replicaSets().get(0);

        // when scaled to 5
        Deployment five = Deployments.deployment("web").replicas(5).generation(2).build();
        DeploymentActions actions = DeploymentReconciler.reconcile(five, observed, NOW.plusSeconds(1), ids);

        // then the same ReplicaSet, one generation on, has 5 replicas
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.write()).hasSize(1);
        ReplicaSet scaled = actions.write().get(0);
        assertThat(scaled.getMetadata().getName()).isEqualTo(before.getMetadata().getName());
        assertThat(scaled.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(scaled.getMetadata().getCreationTimestamp()).isEqualTo(NOW);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
        assertThat(actions.events()).extracting(Event::getMessage)
                .containsExactly("Scaled up replica set " + before.getMetadata().getName() + " from 3 to 5");
    }

    @Test
    void startsARollingUpdateWhenTheTemplateChanges() {
        // given web running image v1, its 3 pods available
        Deployment v1 = Deployments.deployment("web").image("nginx:1.26").build();
        DeploymentObserved created = after(nothing(), DeploymentReconciler.reconcile(v1, nothing(), NOW, ids));
        ReplicaSet old = created.replicaSets().get(0);
        DeploymentObserved running = new DeploymentObserved(created.replicaSets(),
                Map.of(old.getMetadata().getName(), rsStatus(3, 3)), created.status());
        DeploymentObserved observed = after(running, DeploymentReconciler.reconcile(v1, running, NOW, ids));

        // when the image changes
        Deployment v2 = Deployments.deployment("web").image("nginx:1.27").generation(2).build();
        DeploymentActions actions = DeploymentReconciler.reconcile(v2, observed, NOW.plusSeconds(1), ids);

        // then a ReplicaSet of revision 2 is created with the one pod the 25 % surge allows, and the old one
        // keeps its 3, since 25 % of 3 rounds down to no pod allowed unavailable
        String newName = "web-" + TemplateHash.of(v2.getSpec().getTemplate());
        assertThat(actions.write()).extracting(rs -> rs.getMetadata().getName()).containsExactly(newName);
        ReplicaSet next = actions.write().get(0);
        assertThat(next.getMetadata().getAnnotations())
                .containsEntry(DeploymentReconciler.REVISION_ANNOTATION, "2")
                .containsEntry(DeploymentReconciler.DESIRED_REPLICAS_ANNOTATION, "3")
                .containsEntry(DeploymentReconciler.MAX_REPLICAS_ANNOTATION, "4");
        assertThat(next.getSpec().getReplicas()).isEqualTo(1);
        assertThat(next.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.events()).extracting(Event::getMessage)
                .containsExactly("Scaled up replica set " + newName + " from 0 to 1");
        assertThat(actions.status().status().getConditions()).filteredOn(c -> c.getType().equals("Progressing"))
                .singleElement().satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo("NewReplicaSetCreated");
                    assertThat(c.getMessage()).isEqualTo("Created new replica set \"" + newName + "\"");
                });
    }

    @Test
    void deletesEveryReplicaSetAndTheStatusWhenTheDeploymentIsDeleted() {
        // given web with its ReplicaSet and a status
        Deployment web = Deployments.deployment("web").build();
        DeploymentObserved observed = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));

        // when the Deployment is gone
        DeploymentActions actions = DeploymentReconciler.reconcile(null, observed, NOW, ids);

        // then
        assertThat(actions.delete()).containsExactlyElementsOf(observed.replicaSets());
        assertThat(actions.write()).isEmpty();
        assertThat(actions.status()).isEqualTo(StatusUpdate.delete());
    }

    @Test
    void sumsTheStatusOfItsReplicaSet() {
        // given web at 3 replicas whose ReplicaSet reports 3 pods, 2 of them ready
        Deployment web = Deployments.deployment("web").replicas(3).generation(4).build();
        DeploymentObserved created = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));
        String rsName = created.replicaSets().get(0).getMetadata().getName();
        DeploymentObserved observed = new DeploymentObserved(
                created.replicaSets(), Map.of(rsName, rsStatus(3, 2)), created.status());

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(web, observed, NOW.plusSeconds(5), ids);

        // then
        DeploymentStatus status = actions.status().status();
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
        DeploymentCondition available = status.getConditions().get(0);
        assertThat(available.getType()).isEqualTo("Available");
        assertThat(available.getStatus()).isEqualTo("False");
        assertThat(available.getReason()).isEqualTo(DeploymentReconciler.MINIMUM_REPLICAS_UNAVAILABLE);
        assertThat(available.getLastTransitionTime()).isEqualTo(NOW);
    }

    @Test
    void becomesAvailableWhenEveryDeclaredPodIsAvailable() {
        // given web at 3 replicas, not yet available
        Deployment web = Deployments.deployment("web").replicas(3).build();
        DeploymentObserved created = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));
        String rsName = created.replicaSets().get(0).getMetadata().getName();

        // when its ReplicaSet reports 3 ready pods
        Instant later = NOW.plusSeconds(7);
        DeploymentActions actions = DeploymentReconciler.reconcile(web,
                new DeploymentObserved(created.replicaSets(), Map.of(rsName, rsStatus(3, 3)), created.status()),
                later, ids);

        // then
        DeploymentCondition available = actions.status().status().getConditions().get(0);
        assertThat(available.getStatus()).isEqualTo("True");
        assertThat(available.getReason()).isEqualTo(DeploymentReconciler.MINIMUM_REPLICAS_AVAILABLE);
        assertThat(available.getLastTransitionTime()).isEqualTo(later);
        assertThat(actions.status().status().getUnavailableReplicas()).isZero();
    }

    @Test
    void replacesAReplicaSetOfTheSameNameOwnedByAnEarlierDeployment() {
        // given a ReplicaSet written for an earlier Deployment "web" with another uid
        Deployment earlier = Deployments.deployment("web").uid("earlier").build();
        DeploymentObserved observed = after(nothing(), DeploymentReconciler.reconcile(earlier, nothing(), NOW, ids));

        // when the new "web" is reconciled
        Deployment web = Deployments.deployment("web").uid("current").build();
        DeploymentActions actions = DeploymentReconciler.reconcile(web, observed, NOW, ids);

        // then the old one is deleted and a new one of the same name, owned by the new uid, is written
        assertThat(actions.delete()).containsExactlyElementsOf(observed.replicaSets());
        assertThat(actions.write()).hasSize(1);
        assertThat(actions.write().get(0).getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("current");
        assertThat(actions.write().get(0).getMetadata().getUid()).isNotEqualTo(
                observed.replicaSets().get(0).getMetadata().getUid());
    }

    /** {@code deployment} as the gateway writes it when deleting it with propagationPolicy Orphan. */
    private static Deployment orphaning(Deployment deployment) {
        Deployment deleting = Deployment.newBuilder(deployment).build();
        deleting.getMetadata().setDeletionTimestamp(NOW);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)));
        return deleting;
    }

    @Test
    void anOrphaningDeletionReleasesTheReplicaSetsAndDeletesNone() {
        // given
        Deployment web = Deployments.deployment("web").replicas(2).build();
        DeploymentActions created = DeploymentReconciler.reconcile(web, nothing(), NOW, ids);
        DeploymentObserved observed = after(nothing(), created);

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(orphaning(web), observed, NOW, ids);

        // then
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.write()).isEmpty();
        assertThat(actions.release()).containsExactlyElementsOf(created.write());
        assertThat(DeploymentReconciler.released(actions.release().get(0)).getMetadata().getOwnerReferences()).isEmpty();
    }

    /** {@code deployment} as the gateway writes it when deleting it with propagationPolicy Foreground. */
    private static Deployment deletingInTheForeground(Deployment deployment) {
        Deployment deleting = Deployment.newBuilder(deployment).build();
        deleting.getMetadata().setDeletionTimestamp(NOW);
        deleting.getMetadata().setFinalizers(new ArrayList<>(List.of(Owners.FOREGROUND_FINALIZER)));
        return deleting;
    }

    @Test
    void aForegroundDeletionMarksEachReplicaSetThatStillHasPodsAndDeletesNone() {
        // given web with its ReplicaSet, whose status reports 2 pods
        Deployment web = Deployments.deployment("web").replicas(2).build();
        DeploymentObserved created = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));
        ReplicaSet replicaSet = created.replicaSets().get(0);
        DeploymentObserved observed = new DeploymentObserved(created.replicaSets(),
                Map.of(replicaSet.getMetadata().getName(), rsStatus(2, 2)), created.status());

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(deletingInTheForeground(web), observed, NOW, ids);

        // then the ReplicaSet is written marked as being deleted in the foreground, and stays
        assertThat(actions.delete()).isEmpty();
        assertThat(actions.release()).isEmpty();
        assertThat(actions.write()).singleElement().satisfies(marked -> {
            assertThat(marked.getMetadata().getUid()).isEqualTo(replicaSet.getMetadata().getUid());
            assertThat(marked.getMetadata().getDeletionTimestamp()).isEqualTo(NOW);
            assertThat(Owners.foregroundDeleting(marked.getMetadata())).isTrue();
            assertThat(marked.getSpec()).isEqualTo(replicaSet.getSpec());
        });

        // and once marked, nothing more is done while its pods go
        DeploymentObserved marked = new DeploymentObserved(actions.write(), observed.replicaSetStatus(), null);
        DeploymentActions again = DeploymentReconciler.reconcile(deletingInTheForeground(web), marked, NOW, ids);
        assertThat(again.write()).isEmpty();
        assertThat(again.delete()).isEmpty();
    }

    @Test
    void aForegroundDeletionDeletesAReplicaSetOnceItsStatusIsGone() {
        // given web's ReplicaSet marked, whose status the replicaset controller deleted with its pods
        Deployment web = Deployments.deployment("web").replicas(2).build();
        DeploymentObserved created = after(nothing(), DeploymentReconciler.reconcile(web, nothing(), NOW, ids));
        ReplicaSet replicaSet = created.replicaSets().get(0);
        DeploymentActions marking = DeploymentReconciler.reconcile(deletingInTheForeground(web), new DeploymentObserved(
                created.replicaSets(), Map.of(replicaSet.getMetadata().getName(), rsStatus(2, 2)), null), NOW, ids);
        DeploymentObserved withoutStatus = new DeploymentObserved(marking.write(), Map.of(), null);

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(deletingInTheForeground(web), withoutStatus, NOW, ids);

        // then
        assertThat(actions.delete()).containsExactlyElementsOf(marking.write());
        assertThat(actions.write()).isEmpty();
    }

    @Test
    void aNewDeploymentAdoptsTheReleasedReplicaSetOfItsTemplateKeepingItsUid() {
        // given the ReplicaSet an earlier Deployment of this name and template released
        Deployment first = Deployments.deployment("web").uid("first").replicas(2).build();
        ReplicaSet orphan = DeploymentReconciler.released(DeploymentReconciler.reconcile(first, nothing(), NOW, ids).write().get(0));
        Deployment second = Deployments.deployment("web").uid("second").replicas(3).build();

        // when
        DeploymentActions actions = DeploymentReconciler.reconcile(second,
                new DeploymentObserved(List.of(), Map.of(), null, orphan), NOW, ids);

        // then
        assertThat(actions.write()).hasSize(1);
        ReplicaSet adopted = actions.write().get(0);
        assertThat(adopted.getMetadata().getUid()).isEqualTo(orphan.getMetadata().getUid());
        assertThat(adopted.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("second");
        assertThat(adopted.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void doesNotAdoptAReplicaSetItsSelectorDoesNotMatch() {
        Deployment first = Deployments.deployment("web").uid("first").build();
        ReplicaSet orphan = DeploymentReconciler.released(DeploymentReconciler.reconcile(first, nothing(), NOW, ids).write().get(0));
        orphan.getMetadata().setLabels(new HashMap<>(Map.of("app", "other")));

        assertThat(DeploymentReconciler.adoptable(Deployments.deployment("web").uid("second").build(), orphan)).isFalse();
    }
}

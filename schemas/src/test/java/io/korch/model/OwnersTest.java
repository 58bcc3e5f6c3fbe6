package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Container;
import io.korch.api.ObjectMeta;
import io.korch.api.OwnerReference;
import io.korch.api.Pod;
import io.korch.api.PodOwnership;
import io.korch.api.PodSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnersTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    /**
     * A pod of one container, without owners. (The test kit's builders depend on this module, so
     * its tests build their few pods themselves.)
     */
    private static Pod pod(String name) {
        Container container = Container.newBuilder().setName("main").setImage("korch/busybox:latest").build();
        return Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid(name + "-uid").build())
                .setSpec(PodSpec.newBuilder().setContainers(new ArrayList<>(List.of(container))).build())
                .build();
    }

    private static OwnerReference replicaSet(String name) {
        return OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet").setName(name)
                .setUid("rs-uid-" + name).setController(true).setBlockOwnerDeletion(true).build();
    }

    private static PodOwnership ownership(Pod pod, OwnerReference... owners) {
        return PodOwnership.newBuilder().setPodUid(pod.getMetadata().getUid())
                .setOwnerReferences(new ArrayList<>(List.of(owners))).setTimestamp(NOW).build();
    }

    @Test
    void anAdoptionGivesAnOrphanItsController() {
        Pod orphan = pod("debug");
        orphan.getMetadata().getLabels().put("app", "web");

        Pod adopted = Owners.withOwnership(orphan, ownership(orphan, replicaSet("web")));

        assertThat(Owners.controller(adopted.getMetadata()).getName()).isEqualTo("web");
        assertThat(orphan.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void aReleaseRemovesTheReferenceThePodWasWrittenWith() {
        Pod owned = pod("web-bbbbb");
        owned.getMetadata().setOwnerReferences(new ArrayList<>(List.of(replicaSet("web"))));

        Pod released = Owners.withOwnership(owned, ownership(owned));

        assertThat(released.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(Owners.controller(released.getMetadata())).isNull();
    }

    @Test
    void aRecordAboutAnotherPodOfTheNameIsIgnored() {
        Pod pod = pod("debug");
        PodOwnership earlier = ownership(pod, replicaSet("web"));
        earlier.setPodUid("uid-of-an-earlier-pod");

        assertThat(Owners.withOwnership(pod, earlier)).isSameAs(pod);
        assertThat(Owners.withOwnership(pod, null)).isSameAs(pod);
    }

    @Test
    void anObjectIsOrphaningOnlyWhileBeingDeletedWithTheOrphanFinalizer() {
        ObjectMeta meta = ObjectMeta.newBuilder().setName("web").build();
        meta.setFinalizers(new ArrayList<>(List.of(Owners.ORPHAN_FINALIZER)));
        assertThat(Owners.orphaning(meta)).isFalse();

        meta.setDeletionTimestamp(NOW);
        assertThat(Owners.orphaning(meta)).isTrue();

        meta.setFinalizers(new ArrayList<>());
        assertThat(Owners.orphaning(meta)).isFalse();
    }
}

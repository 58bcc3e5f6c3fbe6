package io.korch.testkit;

import io.korch.api.ReplicaSet;
import io.korch.api.ReplicaSetSpec;

/**
 * Builds ReplicaSets for tests, as a user declares one: {@code ReplicaSets.replicaSet("web").replicas(3).build()}.
 * A ReplicaSet has uid {@code rs-uid-<name>}, generation 1, 3 replicas and no creation time unless
 * told otherwise (see {@link Workloads}).
 */
public final class ReplicaSets extends Workloads<ReplicaSets, ReplicaSet> {

    private ReplicaSets(String name) {
        super(name, "rs-uid-" + name, null);
    }

    public static ReplicaSets replicaSet(String name) {
        return new ReplicaSets(name);
    }

    @Override
    public ReplicaSet build() {
        return ReplicaSet.newBuilder()
                .setMetadata(meta())
                .setSpec(ReplicaSetSpec.newBuilder()
                        .setReplicas(replicas())
                        .setSelector(labelSelector())
                        .setTemplate(podTemplate())
                        .build())
                .build();
    }
}

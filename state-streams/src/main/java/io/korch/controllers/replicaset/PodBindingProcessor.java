package io.korch.controllers.replicaset;

import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import java.util.Objects;

/**
 * Takes each binding from {@code korch.bindings} that concerns a pod this controller knows (same
 * key and uid) into the store {@value ReplicaSetController#BINDINGS_STORE} and the by-node index.
 * When the pod's node changed, it reconciles the owning ReplicaSet: the ranking of surplus pods
 * depends on it, and so does the pod's fate if the node is already NotReady.
 */
final class PodBindingProcessor extends PodObservationProcessor<PodBinding> {

    PodBindingProcessor(Ids ids) {
        super(ids, ReplicaSetSync::bindings, PodBinding::getPodUid);
    }

    @Override
    boolean changed(Pod pod, PodBinding previous, PodBinding binding) {
        return !Objects.equals(ReplicaSetSync.boundNode(pod, previous), ReplicaSetSync.boundNode(pod, binding));
    }

    @Override
    void recorded(ReplicaSetSync sync, Effects effects, String podKey, Pod pod, PodBinding previous, PodBinding binding) {
        String before = ReplicaSetSync.boundNode(pod, previous);
        String after = ReplicaSetSync.boundNode(pod, binding);
        if (!Objects.equals(before, after)) {
            sync.reindexNode(effects, podKey, before, after);
        }
    }
}

package io.korch.controllers.endpoints;

import io.korch.api.ObjectMeta;
import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.controllers.Effects;
import io.korch.controllers.Identity;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each pod declaration from {@code korch.pods} and {@code korch.owned.pods}, keyed
 * {@code namespace/name}, into {@value EndpointsController#PODS_STORE} under
 * {@code namespace/name/uid}, and reconciles the Services that select it before or after.
 *
 * <p>A pod whose declaration goes away — a tombstone, or a declaration of the name with another
 * uid — is not gone while its agent still reports it running: its containers are being stopped.
 * It is kept, marked terminating ({@code metadata.deletionTimestamp} set to the time of the
 * deletion), until its agent removes its report ({@link EndpointReportProcessor}); one without a
 * report, or one that ended, is removed at once.
 */
final class EndpointPodProcessor extends EndpointsInput<Pod> {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointPodProcessor.class);

    EndpointPodProcessor(Ids ids) {
        super(ids);
    }

    @Override
    public void process(Record<String, Pod> record) {
        String podKey = record.key();
        if (podKey == null) {
            return;
        }
        Pod pod = record.value();
        if (pod != null && (!Identity.matches(podKey, pod.getMetadata()) || pod.getMetadata().getUid() == null)) {
            LOG.warn("dropped the pod at key {}: its metadata names {}/{} with uid {}", podKey,
                    pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the pod at key " + podKey, () -> plan(podKey, pod, now)).apply();
    }

    private Effects plan(String podKey, Pod pod, Instant now) {
        Effects effects = new Effects(context);
        String current = pod == null ? null : Keys.podStatus(podKey, pod.getMetadata().getUid());
        InputWrite<?> input = InputWrite.none();
        Set<String> affected = new LinkedHashSet<>();
        for (Map.Entry<String, Pod> known : input.scan(sync.pods(), podKey + "/").entrySet()) {
            if (!known.getKey().equals(current)) {
                input = retire(input, known.getKey(), known.getValue(), now, affected);
            }
        }
        if (pod != null) {
            EndpointPod before = sync.pod(input, current);
            input = input.and(sync.pods(), current, pod);
            input = sync.podChanged(input, current, before, sync.pod(input, current), affected);
        }
        sync.finish(input, affected, now, effects);
        return effects;
    }

    /** The declaration at {@code storeKey} went away: marked terminating while its agent still runs it, removed otherwise. */
    private InputWrite<?> retire(InputWrite<?> input, String storeKey, Pod declared, Instant now, Set<String> affected) {
        EndpointPod before = sync.pod(input, storeKey);
        PodStatusReport report = input.read(sync.reports(), storeKey);
        boolean running = report != null && !before.terminal();
        Pod kept = null;
        if (running) {
            kept = declared.getMetadata().getDeletionTimestamp() != null ? declared : Pod.newBuilder(declared)
                    .setMetadata(ObjectMeta.newBuilder(declared.getMetadata()).setDeletionTimestamp(now).build())
                    .build();
        }
        if (kept == declared) {
            return input;
        }
        input = input.and(sync.pods(), storeKey, kept);
        return sync.podChanged(input, storeKey, before, sync.pod(input, storeKey), affected);
    }
}

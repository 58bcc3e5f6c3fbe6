package io.korch.controllers.endpoints;

import io.korch.api.Pod;
import io.korch.api.PodStatusReport;
import io.korch.controllers.Effects;
import io.korch.controllers.Ids;
import io.korch.controllers.InputWrite;
import io.korch.topics.Keys;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each status report from {@code korch.status.pods} ({@code namespace/name/uid}) into
 * {@value EndpointsController#REPORTS_STORE} and, when it changes what the pod's endpoint shows (its
 * IP, readiness, node, phase), reconciles the Services that select the pod: a pod that stops being
 * ready leaves their ready set with the report that says so. A report's tombstone — its agent
 * removed the pod — also removes a terminating pod's declaration: the pod is gone.
 */
final class EndpointReportProcessor extends EndpointsInput<PodStatusReport> {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointReportProcessor.class);

    EndpointReportProcessor(Ids ids) {
        super(ids);
    }

    @Override
    public void process(Record<String, PodStatusReport> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        try {
            Keys.podOfStatus(key);
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping the report with key {}: {}", key, e.getMessage());
            return;
        }
        PodStatusReport report = record.value();
        if (report != null && !Objects.equals(report.getPodUid(), Keys.uidOfStatus(key))) {
            LOG.warn("dropped the report at key {}: it is about pod uid {}", key, report.getPodUid());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the report at key " + key, () -> plan(key, report, now)).apply();
    }

    private Effects plan(String key, PodStatusReport report, Instant now) {
        Effects effects = new Effects(context);
        PodStatusReport previous = sync.reports().get(key);
        if (report == null && previous == null) {
            return effects;
        }
        InputWrite<?> input = new InputWrite<>(sync.reports(), key, report);
        Set<String> affected = new LinkedHashSet<>();
        Pod pod = sync.pods().get(key);
        if (pod != null) {
            EndpointPod before = new EndpointPod(pod, previous);
            if (report == null && before.terminating()) {
                input = input.and(sync.pods(), key, null);
            }
            input = sync.podChanged(input, key, before, sync.pod(input, key), affected);
        }
        sync.finish(input, affected, now, effects);
        return effects;
    }
}

package io.korch.controllers.endpoints;

import io.korch.api.Service;
import io.korch.controllers.Effects;
import io.korch.controllers.Identity;
import io.korch.controllers.Ids;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each Service from {@code korch.services} (a tombstone deletes it) and reconciles its
 * EndpointSlices and Endpoints ({@link EndpointsSync#serviceChanged}). A record whose metadata names
 * another Service than its key is dropped. The step is planned in full before anything is written
 * ({@link Effects}).
 */
final class EndpointServiceProcessor extends EndpointsInput<Service> {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointServiceProcessor.class);

    EndpointServiceProcessor(Ids ids) {
        super(ids);
    }

    @Override
    public void process(Record<String, Service> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (record.value() != null && !Identity.matches(key, record.value().getMetadata())) {
            LOG.warn("dropped the Service at key {}: its metadata names {}/{}", key,
                    record.value().getMetadata().getNamespace(), record.value().getMetadata().getName());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Effects.plan(context, "the Service at key " + key, () -> {
            Effects effects = new Effects(context);
            sync.serviceChanged(key, record.value(), now, effects);
            return effects;
        }).apply();
    }
}

package io.korch.controllers.nodelifecycle;

import io.korch.api.NodeHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global store {@value NodeLifecycleController#HEALTH_STORE} equal to the {@code korch.node-health} topic. */
final class NodeHealthUpdater implements Processor<String, NodeHealth, Void, Void> {

    private KeyValueStore<String, NodeHealth> health;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        health = context.getStateStore(NodeLifecycleController.HEALTH_STORE);
    }

    @Override
    public void process(Record<String, NodeHealth> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            health.delete(record.key());
        } else {
            health.put(record.key(), record.value());
        }
    }
}

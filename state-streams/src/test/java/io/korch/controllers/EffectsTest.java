package io.korch.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.NodeHealth;
import io.korch.topics.Topics;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EffectsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private MockProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, NodeHealth> store;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("health"),
                        Topics.NODE_HEALTH.keySerde(), Topics.NODE_HEALTH.valueSerde())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static NodeHealth health(String node) {
        return NodeHealth.newBuilder().setNodeName(node).setReady(true).setReason("KubeletReady")
                .setLastTransitionTime(T0).build();
    }

    @Test
    void touchesNothingUntilApplied() {
        // given
        store.put("node-2", health("node-2"));
        Effects effects = new Effects(context)
                .put(store, "node-1", health("node-1"))
                .delete(store, "node-2")
                .forward("sink", "node-1", health("node-1"), T0);

        // then nothing happened yet
        assertThat(store.get("node-1")).isNull();
        assertThat(store.get("node-2")).isNotNull();
        assertThat(context.forwarded()).isEmpty();

        // when
        effects.apply();

        // then
        assertThat(store.get("node-1")).isEqualTo(health("node-1"));
        assertThat(store.get("node-2")).isNull();
        assertThat(context.forwarded()).singleElement()
                .satisfies(forward -> assertThat(forward.childName()).contains("sink"));
    }

    @Test
    void reportsAFailureWhilePlanningAsAReconcileException() {
        assertThatThrownBy(() -> Effects.plan(context, "the record at key node-1", () -> {
            throw new IllegalArgumentException("bad node");
        }))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("the record at key node-1")
                .hasMessageContaining("bad node")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letsKafkaStreamsOwnFailuresThroughUnwrapped() {
        assertThatThrownBy(() -> Effects.plan(context, "the record at key node-1", () -> {
            throw new ProcessorStateException("store closed");
        })).isInstanceOf(ProcessorStateException.class);
    }

    @Test
    void readsThroughAnInputWriteBeforeItIsApplied() {
        store.put("node-1", health("node-1"));
        InputWrite<NodeHealth> tombstone = new InputWrite<>(store, "node-1", null);

        assertThat(tombstone.read(store, "node-1")).isNull();
        assertThat(InputWrite.none().read(store, "node-1")).isEqualTo(health("node-1"));
        Effects effects = new Effects(context);
        tombstone.addTo(effects);
        effects.apply();
        assertThat(store.get("node-1")).isNull();
    }

    @Test
    void scansThroughChainedInputWritesTheLatestWinning() {
        // given
        store.put("a/1", health("a/1"));
        store.put("a/2", health("a/2"));
        store.put("b/1", health("b/1"));
        InputWrite<NodeHealth> writes = new InputWrite<>(store, "a/1", null)
                .and(store, "a/3", health("a/3"))
                .and(store, "a/1", health("a/1-again"));

        // then
        assertThat(writes.scan(store, "a/")).containsOnlyKeys("a/1", "a/2", "a/3");
        assertThat(writes.read(store, "a/1")).isEqualTo(health("a/1-again"));
        Effects effects = new Effects(context);
        writes.addTo(effects);
        effects.apply();
        assertThat(store.get("a/1")).isEqualTo(health("a/1-again"));
        assertThat(store.get("a/3")).isEqualTo(health("a/3"));
    }
}

package io.korch.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Node;
import io.korch.api.NodeAssignment;
import io.korch.api.Pod;
import io.korch.api.PodBinding;
import io.korch.scheduler.SchedulerInput.PodChanged;
import io.korch.scheduler.testing.Nodes;
import io.korch.scheduler.testing.Pods;
import io.korch.topics.Topic;
import io.korch.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor alone with a MockProcessorContext: restart from stores and the retry timer fired by hand. */
class SchedulingProcessorTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final SchedulingProcessor processor = new SchedulingProcessor(
            StandardPipeline.create(new Random(0)), Clock.fixed(NOW, ZoneOffset.UTC));
    private KeyValueStore<String, Pod> pods;
    private KeyValueStore<String, PodBinding> bindings;
    private KeyValueStore<String, Node> nodes;

    @BeforeEach
    void addStores() {
        pods = store(SchedulingProcessor.PODS_STORE, Topics.PODS);
        bindings = store(SchedulingProcessor.BINDINGS_STORE, Topics.BINDINGS);
        nodes = store(SchedulingProcessor.NODES_STORE, Topics.NODES);
        store(SchedulingProcessor.NODE_HEALTH_STORE, Topics.NODE_HEALTH);
    }

    @Test
    void retriesPendingPodsEverySecondOfWallClockTime() {
        processor.init(context);

        assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(punctuator.getInterval()).isEqualTo(SchedulingProcessor.RETRY_INTERVAL);
        });
    }

    @Test
    void rebuildsItsBookkeepingFromTheStoresAndPlacesPendingPodsOnTheNextRetry() {
        // given stores left by an earlier run: a node, a pod bound to it and a pod not placed yet
        nodes.put("node-1", Nodes.node("node-1").cpu("2").build());
        Pods bound = Pods.pod("bound").cpu("1500m");
        pods.put(bound.key(), bound.build());
        bindings.put(bound.key(), PodBinding.newBuilder().setPodUid(bound.build().getMetadata().getUid())
                .setNodeName("node-1").setTimestamp(NOW).build());
        Pods waiting = Pods.pod("waiting").cpu("500m");
        pods.put(waiting.key(), waiting.build());

        // when
        processor.init(context);

        // then the bound pod counts on its node and the other one waits
        assertThat(processor.nodes().get("node-1").requestedCpuMillis()).isEqualTo(1500);
        assertThat(processor.pending()).containsExactly(waiting.key());
        assertThat(context.forwarded()).isEmpty();

        // when the retry timer fires
        CapturedPunctuator retry = context.scheduledPunctuators().get(0);
        retry.getPunctuator().punctuate(NOW.toEpochMilli());

        // then the waiting pod is bound next to the other one, without overcommitting the node
        List<CapturedForward<? extends String, ? extends SpecificRecord>> forwarded = context.forwarded();
        assertThat(forwarded).filteredOn(f -> SchedulerTopology.ASSIGNMENTS_SINK.equals(f.childName().orElse(null)))
                .singleElement()
                .satisfies(f -> assertThat(((NodeAssignment) f.record().value()).getPods())
                        .extracting(pod -> pod.getMetadata().getName()).containsExactly("bound", "waiting"));
        assertThat(processor.pending()).isEmpty();
        assertThat(processor.nodes().get("node-1").requestedCpuMillis()).isEqualTo(2000);
    }

    @Test
    void leavesStoredValuesUntouchedWhenBindingACopy() {
        // given
        processor.init(context);
        processor.process(new Record<>("node-1", new SchedulerInput.NodeChanged(Nodes.node("node-1").build()), 0L));
        Pods web = Pods.pod("web");

        // when
        processor.process(new Record<>(web.key(), new PodChanged(web.build()), 0L));

        // then the stored pod is the declared one; only the assignment carries spec.nodeName
        assertThat(pods.get(web.key()).getSpec().getNodeName()).isNull();
        assertThat(bindings.get(web.key()).getNodeName()).isEqualTo("node-1");
    }

    private <V> KeyValueStore<String, V> store(String name, Topic<String, V> topic) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), topic.keySerde(), topic.valueSerde())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}

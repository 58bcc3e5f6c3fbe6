package io.korch.changelog.sequencer;

import io.korch.topics.Topic;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** The names of the sequencer's stores and sinks, and the stores' declaration. */
public final class SequencerStores {

    public static final String CHANGES_SINK = Sequencer.CHANGES_SINK;
    public static final String OBJECTS_SINK = Sequencer.OBJECTS_SINK;
    public static final String RESPONSES_SINK = Sequencer.RESPONSES_SINK;
    /** The topics of claims on unique values the sequencer writes besides the desired state. */
    public static final List<Topic<String, ?>> CLAIMS = Sequencer.CLAIMS;

    private SequencerStores() {
    }

    /** The sink of desired-state topic {@code topic}. */
    public static String desiredStateSink(String topic) {
        return Sequencer.desiredStateSink(topic);
    }

    /** Adds the records' latest versions and the revision counter, shared by {@code processors}. */
    public static void add(Topology topology, String... processors) {
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Sequencer.REVISIONS_STORE), Serdes.String(), Serdes.ByteArray()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Sequencer.LAST_REVISION_STORE), Serdes.String(), Serdes.Long()), processors);
    }
}

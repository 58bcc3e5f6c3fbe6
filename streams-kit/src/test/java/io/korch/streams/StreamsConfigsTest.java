package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration every korch Streams application runs with. */
class StreamsConfigsTest {

    @TempDir
    Path stateDir;

    private StreamsSettings settings() {
        return new StreamsSettings("127.0.0.1:9", "app", stateDir, SkipRule.inProcessors("placer", "binder"));
    }

    @Test
    void runsExactlyOnceUnderTheApplicationsOwnId() {
        Properties props = StreamsConfigs.of(settings());

        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkippingExceptionHandler.class)
                .doesNotContainKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    @Test
    void movesADeadInstancesTasksWithinSecondsWhileExactlyOnceHolds() {
        Properties props = StreamsConfigs.of(settings());

        assertThat(props)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 3_000)
                .containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5_000)
                .containsEntry(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, TakeoverTaskAssignor.class.getName());
        assertThat(StreamsConfigs.TRANSACTION_TIMEOUT_MS).isGreaterThan(StreamsConfigs.COMMIT_INTERVAL_MS);
    }

    @Test
    void anApplicationAlwaysCommittingHasItsTransactionsAbortedOnceTheSessionIsOver() {
        Properties props = StreamsConfigs.of(settings().alwaysCommitting().asStaticMember());

        assertThat(props)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 3_000)
                .containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertThat(StreamsConfigs.ALWAYS_COMMITTING_TRANSACTION_TIMEOUT_MS)
                .isEqualTo(StreamsConfigs.SESSION_TIMEOUT_MS).isGreaterThan(StreamsConfigs.COMMIT_INTERVAL_MS);
    }

    @Test
    void refusesATransactionTimeoutWithinTheCommitInterval() {
        assertThatThrownBy(() -> new StreamsSettings("127.0.0.1:9", "app", stateDir, SkipRule.inProcessors(), null, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transaction timeout (100 ms) must be above the commit interval");
    }

    @Test
    void aStaticMemberKeepsItsIdentityInTheStateDirectory() {
        String first = StreamsConfigs.of(settings().asStaticMember())
                .getProperty(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        String again = StreamsConfigs.of(settings().asStaticMember())
                .getProperty(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

        assertThat(first).startsWith("app-").isEqualTo(again);
        assertThat(stateDir.resolve("app.instance-id")).hasContent(first);
    }

    @Test
    void carriesTheSkipRuleToTheHandlerKafkaStreamsCreates() {
        Map<String, Object> configs = new HashMap<>();
        StreamsConfigs.of(settings()).forEach((key, value) -> configs.put(key.toString(), value));

        assertThat(SkipRule.readFrom(configs)).isEqualTo(settings().skipRule());
        assertThat(new StreamsConfig(configs).processingExceptionHandler()).isInstanceOf(SkippingExceptionHandler.class);
    }
}

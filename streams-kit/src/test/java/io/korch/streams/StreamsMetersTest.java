package io.korch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StreamsMetersTest {

    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();

    @Test
    void sumsAndMaximisesThePartitionLagOfTheMainConsumersOnly() {
        // given two partitions of the main consumer, one of the restore consumer, and the
        // consumer-wide records-lag-max
        lag("app-1-StreamThread-1-consumer", "korch.pods", "0", 4);
        lag("app-1-StreamThread-1-consumer", "korch.pods", "1", 7);
        lag("app-1-StreamThread-1-restore-consumer", "app-store-changelog", "0", 1000);
        lag("app-1-StreamThread-1-consumer", "korch.nodes", "0", Double.NaN);
        metrics.put(new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "app-1-StreamThread-1-consumer")), metric(500));

        // when / then
        assertThat(StreamsMeters.lag(() -> metrics, false)).isEqualTo(11);
        assertThat(StreamsMeters.lag(() -> metrics, true)).isEqualTo(7);
    }

    @Test
    void isZeroBeforeAnyPartitionIsRead() {
        assertThat(StreamsMeters.lag(() -> metrics, false)).isZero();
        assertThat(StreamsMeters.lag(() -> metrics, true)).isZero();
    }

    private void lag(String clientId, String topic, String partition, double value) {
        metrics.put(new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", clientId, "topic", topic, "partition", partition)), metric(value));
    }

    private static Metric metric(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}

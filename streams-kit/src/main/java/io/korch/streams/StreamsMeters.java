package io.korch.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * How a Kafka Streams application of korch reaches the meter registry of its service, and the
 * meters every such application has.
 *
 * <p>The registry travels in the application's configuration ({@link #withRegistry}): its
 * processors find it in their context ({@link #registryOf}) and {@link StreamsClient#start} binds,
 * per application id, the consumer lag of its main consumers
 * ({@code korch_streams_consumer_lag_records}, summed over its partitions, and
 * {@code korch_streams_consumer_max_lag_records}, of its most behind partition) and whether it is
 * healthy ({@code korch_streams_healthy}). Without a registry in the configuration (topology tests)
 * there are no meters and nothing is measured.
 */
public final class StreamsMeters {

    /** The configuration entry that holds the {@link MeterRegistry}; Kafka Streams passes it to the processors unread. */
    public static final String REGISTRY_CONFIG = "korch.meter.registry";

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";

    private StreamsMeters() {
    }

    /** Puts {@code registry} into {@code props} and returns them. */
    public static Properties withRegistry(Properties props, MeterRegistry registry) {
        props.put(REGISTRY_CONFIG, registry);
        return props;
    }

    /** The registry in {@code props}, or null. */
    static MeterRegistry registryOf(Properties props) {
        return props.get(REGISTRY_CONFIG) instanceof MeterRegistry registry ? registry : null;
    }

    /**
     * The registry in the configuration of the application {@code context} belongs to, or null.
     * It copies the configuration: call it once, in {@code init}.
     */
    public static MeterRegistry registryOf(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(REGISTRY_CONFIG) instanceof MeterRegistry registry ? registry : null;
    }

    /** Registers the meters of {@code client}, whose application id is in {@code props}; returns them, to remove on close. */
    static List<Meter> bind(StreamsClient client, Properties props, MeterRegistry registry) {
        String application = String.valueOf(props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        return List.of(
                Gauge.builder("korch.streams.consumer.lag", client, c -> lag(c::metrics, false))
                        .description("Records the application's main consumers have yet to read, summed over their partitions")
                        .baseUnit("records").tag("application", application).register(registry),
                Gauge.builder("korch.streams.consumer.max.lag", client, c -> lag(c::metrics, true))
                        .description("Records the application's most behind input partition has yet to read")
                        .baseUnit("records").tag("application", application).register(registry),
                Gauge.builder("korch.streams.healthy", client, c -> c.healthy() ? 1 : 0)
                        .description("1 while the application runs or rebalances and has never failed, else 0")
                        .tag("application", application).register(registry));
    }

    /**
     * The sum, or the largest, of the current lag of each partition the main consumers read; their
     * restore and global consumers are left out. Partitions whose lag is not known yet count 0.
     */
    static double lag(Supplier<Map<MetricName, ? extends Metric>> metrics, boolean max) {
        double result = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            String clientId = name.tags().getOrDefault("client-id", "");
            if (!FETCH_GROUP.equals(name.group()) || !RECORDS_LAG.equals(name.name())
                    || !name.tags().containsKey("partition") || !clientId.endsWith("-consumer")
                    || clientId.endsWith("-restore-consumer") || clientId.endsWith("-global-consumer")) {
                continue;
            }
            if (entry.getValue().metricValue() instanceof Number number && !Double.isNaN(number.doubleValue())) {
                result = max ? Math.max(result, number.doubleValue()) : result + number.doubleValue();
            }
        }
        return result;
    }
}

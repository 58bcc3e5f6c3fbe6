package io.korch.streams;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;

/**
 * Which processing errors an application may skip (see {@link SkippingExceptionHandler}): those
 * thrown in one of {@code processors} (any processor when empty) that are of {@code exceptionType}.
 * Kafka's own exceptions ({@link KafkaException}, which includes every {@code StreamsException})
 * are never skipped: a store or a sink failed while writing, so the step may be half-written.
 *
 * <p>A rule is only sound for processors that compute everything that can throw before they write
 * a store or forward a record: under exactly-once the skipped record's offset commits with whatever
 * the processor wrote, and it wrote nothing for the step that threw.
 *
 * @param processors    the processor names whose errors may be skipped; empty for every processor
 * @param exceptionType the type an error must have to be skipped
 */
public record SkipRule(Set<String> processors, Class<? extends Exception> exceptionType) {

    /** The Streams property carrying {@link #processors}, comma-separated. */
    static final String PROCESSORS_CONFIG = "korch.skip.processors";
    /** The Streams property carrying {@link #exceptionType}, as a class name. */
    static final String EXCEPTION_TYPE_CONFIG = "korch.skip.exception.type";

    public SkipRule {
        processors = Set.copyOf(processors);
    }

    /** Skips an error of {@code type} thrown in any processor. */
    public static SkipRule exceptionsOfType(Class<? extends Exception> type) {
        return new SkipRule(Set.of(), type);
    }

    /** Skips any error, other than Kafka's own, thrown in one of {@code processors}. */
    public static SkipRule inProcessors(String... processors) {
        return new SkipRule(Set.of(processors), Exception.class);
    }

    /** True when {@code exception}, thrown in the processor node {@code processorNodeId}, may be skipped. */
    public boolean skips(String processorNodeId, Exception exception) {
        return (processors.isEmpty() || processors.contains(processorNodeId))
                && exceptionType.isInstance(exception)
                && !(exception instanceof KafkaException);
    }

    /** Writes this rule into {@code props}, for the handler Kafka Streams creates from them. */
    void writeTo(Properties props) {
        props.put(PROCESSORS_CONFIG, String.join(",", processors));
        props.put(EXCEPTION_TYPE_CONFIG, exceptionType.getName());
    }

    /** The rule {@link #writeTo} wrote into {@code configs}. */
    static SkipRule readFrom(Map<String, ?> configs) {
        Object processors = configs.get(PROCESSORS_CONFIG);
        Object type = configs.get(EXCEPTION_TYPE_CONFIG);
        if (processors == null || type == null) {
            throw new IllegalArgumentException("no skip rule in the Streams configuration: build it with StreamsConfigs");
        }
        Set<String> names = Arrays.stream(processors.toString().split(","))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        try {
            return new SkipRule(names, Class.forName(type.toString()).asSubclass(Exception.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown exception type in " + EXCEPTION_TYPE_CONFIG + ": " + type, e);
        }
    }
}

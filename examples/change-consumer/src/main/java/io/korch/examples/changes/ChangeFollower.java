package io.korch.examples.changes;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A service of its own that follows a korch cluster: every change of every object the API serves
 * ({@code korch.changes}) and every event ({@code korch.events}), one line each.
 *
 * <pre>
 *  java -cp "target/*:target/lib/*" \
 *      io.korch.examples.changes.ChangeFollower --kafka 127.0.0.1:9092 --group my-service
 * </pre>
 *
 * <p>It is a member of the consumer group {@code --group}. It polls both topics, decodes each
 * record with the writer schemas of {@code korch.schemas} ({@link SingleObjectDecoder},
 * {@link WriterSchemaCache}), hands its line ({@link Lines}) to the output, and commits the group's
 * offsets once the whole batch was handled. Stopped ({@link #stop()}, Ctrl-C) and started again
 * with the same group, it resumes right after the last record it handled; killed between handling
 * a batch and committing it, it handles that batch again (at least once). A new group starts at
 * the oldest change still retained. It reads only committed records ({@code read_committed}): the
 * change log is written in Kafka transactions, and the records of an aborted one must not be seen.
 */
public final class ChangeFollower implements Runnable {

    /** Every change of every served object, in one order: one partition, keyed {@code topic:key}. */
    public static final String CHANGES = "korch.changes";
    /** The events of every object, keyed by the object's key. */
    public static final String EVENTS = "korch.events";

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final WriterSchemaCache schemas;
    private final SingleObjectDecoder decoder;
    private final Consumer<String> output;

    /** A follower of the cluster at {@code bootstrapServers} in consumer group {@code group}, printing to {@code output}. */
    public ChangeFollower(String bootstrapServers, String group, Consumer<String> output) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // the change log commits its records in transactions: see only what was committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // offsets are committed by hand, once what they cover was handled
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a group without committed offsets starts at the oldest change still retained
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.schemas = new WriterSchemaCache(bootstrapServers);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.decoder = new SingleObjectDecoder(schemas::find);
        this.output = output;
    }

    /** Follows the cluster until {@link #stop()}, then commits what it handled and closes its consumers. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(CHANGES, EVENTS));
            while (true) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<String, byte[]> record : batch) {
                    handle(record);
                }
                if (!batch.isEmpty()) {
                    consumer.commitSync(); // the positions after this batch
                }
            }
        } catch (WakeupException stopping) {
            consumer.commitSync(); // stop() may have interrupted the commit of the last batch
        } finally {
            consumer.close();
            schemas.close();
        }
    }

    /** Makes {@link #run()} return soon; safe from any thread. */
    public void stop() {
        consumer.wakeup();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // korch writes no tombstones to these topics
        }
        try {
            GenericRecord value = decoder.decode(record.value());
            output.accept(record.topic().equals(CHANGES) ? Lines.change(value) : Lines.event(value));
        } catch (IllegalArgumentException e) {
            // skipped, not retried: the same bytes would fail again after every restart
            output.accept("UNDECODABLE " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " " + e.getMessage());
        }
    }

    /** {@code --kafka HOST:PORT --group NAME}: follows until the process is stopped (Ctrl-C). */
    public static void main(String[] args) {
        String kafka = option(args, "--kafka");
        String group = option(args, "--group");
        if (kafka == null || group == null) {
            System.err.println("usage: ChangeFollower --kafka HOST:PORT --group NAME");
            System.exit(2);
        }
        ChangeFollower follower = new ChangeFollower(kafka, group, System.out::println);
        Thread following = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            follower.stop();
            try {
                following.join(Duration.ofSeconds(10).toMillis()); // let it commit what it printed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        follower.run();
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}

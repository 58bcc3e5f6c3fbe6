package io.korch.gateway.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that follows topics with a group-less consumer of its own until closed, for the
 * gateway's feeds of claims ({@link AllocationFeed}) and resource-use samples ({@link UsageFeed}):
 * the {@link Follower} assigns and reads; when reading fails, the thread starts over with a new
 * consumer after a bounded back-off, which the follower resets once it reads again
 * ({@link #recovered}). Closing wakes the consumer and waits for the thread.
 */
final class FollowingThread implements AutoCloseable {

    /** What one consumer does, from its creation until it fails or the thread is closed. */
    interface Follower {
        void follow(Consumer<byte[], byte[]> consumer, FollowingThread thread);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FollowingThread.class);
    /** How long closing waits for the thread to end. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final String bootstrapServers;
    private final String what;
    private final Follower follower;
    private final Backoff backoff = new Backoff(ViewFeed.RESTART_BACKOFF_INITIAL, ViewFeed.RESTART_BACKOFF_MAX);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;

    /**
     * @param name   the thread's name, also its consumer's client id
     * @param what   what it reads, for the log
     */
    FollowingThread(String name, String bootstrapServers, String what, Follower follower) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.what = what;
        this.follower = follower;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the thread is to go on reading. */
    boolean running() {
        return closing.getCount() > 0;
    }

    /** Tells the thread that its follower reads again: the next failure waits the shortest back-off. */
    void recovered() {
        backoff.reset();
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(CLOSE_TIMEOUT.toMillis() * 2);
    }

    private void run() {
        while (running()) {
            try {
                follow();
            } catch (WakeupException e) {
                LOG.debug("{} woken up to stop", name);
            } catch (RuntimeException e) {
                if (!running()) {
                    break;
                }
                Duration delay = backoff.next();
                LOG.error("reading {} failed; reading again in {} ms", what, delay.toMillis(), e);
                try {
                    if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private void follow() {
        Map<String, Object> props = KafkaSettings.viewConsumer(bootstrapServers);
        props.put("client.id", name);
        Consumer<byte[], byte[]> current = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer = current;
        try {
            follower.follow(current, this);
        } finally {
            current.close(KafkaSettings.CONSUMER_CLOSE);
        }
    }
}

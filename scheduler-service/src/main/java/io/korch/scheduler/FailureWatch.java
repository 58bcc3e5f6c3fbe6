package io.korch.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams.StateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the scheduler's Streams client stops for good (state ERROR): logs it at ERROR with
 * the error that caused it, and runs the failure hooks once.
 *
 * <p>Hooks run on a thread of their own, never on a Kafka Streams thread, so a hook may close the
 * scheduler or stop the process. A hook added after the failure runs at once, on such a thread.
 */
final class FailureWatch implements StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(FailureWatch.class);

    private final List<Runnable> hooks = new ArrayList<>();
    private Throwable cause;
    private boolean failed;

    /** Remembers the first error that stops the client; called by the uncaught-exception handler. */
    synchronized void uncaught(Throwable error) {
        if (cause == null) {
            cause = error;
        }
    }

    /** The first error that stopped the client, or null. */
    synchronized Throwable cause() {
        return cause;
    }

    /** True once the client reached ERROR. */
    synchronized boolean failed() {
        return failed;
    }

    @Override
    public void onChange(State newState, State oldState) {
        List<Runnable> toRun;
        Throwable error;
        synchronized (this) {
            if (newState != State.ERROR || failed) {
                return;
            }
            failed = true;
            error = cause;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        LOG.error("*** SCHEDULER FAILED: its Kafka Streams client went from {} to ERROR and places no more pods;"
                + " the scheduler must be restarted ***", oldState, error);
        run(toRun);
    }

    /** Runs {@code hook} once when the client reaches ERROR, or at once if it already has. */
    void onFailure(Runnable hook) {
        synchronized (this) {
            if (!failed) {
                hooks.add(hook);
                return;
            }
        }
        run(List.of(hook));
    }

    private static void run(List<Runnable> hooks) {
        if (hooks.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> {
            for (Runnable hook : hooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.error("a scheduler failure hook threw", e);
                }
            }
        }, "korch-scheduler-failure");
        thread.start();
    }
}

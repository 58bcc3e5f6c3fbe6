package io.korch.benchmarks;

import java.time.Duration;

/**
 * One system the converge benchmark drives through the same three steps with N replicas of one sleeping
 * container: run them, replace them all with a second tag of the image, remove them. Each step returns once
 * the system shows its result (every replica running, every replica replaced, none left running), and the
 * benchmark times it.
 */
interface Replicas extends AutoCloseable {

    /** The name in the report: {@code docker run}, {@code Docker Swarm}, {@code korch}. */
    String name();

    /** Containers the engine starts per replica: 2 for a korch pod (its sandbox and its container), else 1. */
    int startsPerReplica();

    /** Gets ready to run replicas (starts a cluster, joins a swarm); not timed. */
    void setUp();

    /** Runs {@code count} replicas of {@link Converge#IMAGE}, returning once all run. */
    void converge(int count, Duration timeout);

    /** Replaces every replica with one of {@link Converge#IMAGE_V2}, returning once only new ones run. */
    void update(int count, Duration timeout);

    /** Removes every replica, returning once none runs. */
    void scaleToZero(Duration timeout);

    /** Removes whatever the steps left and undoes {@link #setUp}; never throws. */
    @Override
    void close();
}

package io.korch.agent.probe;

import java.time.Duration;

/**
 * The result of one probe of one container run, as kubelet's probe worker keeps it: attempts are counted
 * while they agree, and the standing result changes only once {@code successThreshold} successes or
 * {@code failureThreshold} failures came in a row. A liveness or startup probe that reached failure is put
 * on hold: its container is about to be killed, and the next run gets a new state. Attempts that could not
 * be carried out do not count. Pure and not thread-safe; the {@link Prober} guards it.
 */
public final class ProbeState {

    private final ProbeType type;
    private final ProbeSettings settings;
    private ProbeResult result;
    private ProbeResult last = ProbeResult.UNKNOWN;
    private int run;
    private boolean onHold;

    /** A probe that has not run: liveness counts as passing, readiness as failing, startup as unknown. */
    public ProbeState(ProbeType type, ProbeSettings settings) {
        this.type = type;
        this.settings = settings;
        this.result = switch (type) {
            case LIVENESS -> ProbeResult.SUCCESS;
            case READINESS -> ProbeResult.FAILURE;
            case STARTUP -> ProbeResult.UNKNOWN;
        };
    }

    /** The standing result. */
    public ProbeResult result() {
        return result;
    }

    /** The probe's settings. */
    public ProbeSettings settings() {
        return settings;
    }

    /** Whether an attempt is due now, {@code sinceStart} after the container started. */
    public boolean due(Duration sinceStart) {
        return !onHold && sinceStart.compareTo(settings.initialDelay()) >= 0;
    }

    /**
     * Counts one attempt.
     *
     * @return whether the standing result changed
     */
    public boolean record(ProbeResult attempt) {
        if (attempt == ProbeResult.UNKNOWN || onHold) {
            return false;
        }
        if (attempt == last) {
            run++;
        } else {
            last = attempt;
            run = 1;
        }
        int threshold = attempt == ProbeResult.SUCCESS ? settings.successThreshold() : settings.failureThreshold();
        if (run < threshold) {
            return false;
        }
        boolean changed = result != attempt;
        result = attempt;
        if (attempt == ProbeResult.FAILURE && type != ProbeType.READINESS) {
            onHold = true;
            run = 0;
        }
        return changed;
    }
}

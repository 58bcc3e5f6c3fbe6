package io.korch.gateway.kafka;

import io.korch.api.Precondition;

/**
 * The change log refused a write request: a precondition did not hold when it came to apply it
 * ({@link #failed}, with the revision its record had), or it never applies such a write ({@link #reason}).
 */
public final class WriteRefused extends RuntimeException {

    private final transient Precondition failed;
    private final long currentRevision;

    WriteRefused(Precondition failed, long currentRevision, String reason) {
        super(reason != null ? reason : failed.getType() + " of " + failed.getTopic() + " " + failed.getKey()
                + " did not hold (its revision is " + currentRevision + ")");
        this.failed = failed;
        this.currentRevision = currentRevision;
    }

    /** The precondition that did not hold, or null when the write was refused for another reason. */
    public Precondition failed() {
        return failed;
    }

    /** The revision of the precondition's record when it was refused; 0 when the record did not exist. */
    public long currentRevision() {
        return currentRevision;
    }
}

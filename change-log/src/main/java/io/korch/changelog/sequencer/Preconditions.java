package io.korch.changelog.sequencer;

import io.korch.api.Precondition;
import io.korch.api.WriteRequest;
import io.korch.topics.Keys;
import java.util.Optional;

/**
 * Checks a {@link WriteRequest}'s preconditions against the revisions of the records the change
 * log has recorded, the moment it is applied: nothing else writes in between, so a request that
 * passes cannot lose another's write.
 */
final class Preconditions {

    /** A precondition that did not hold, and the revision its record has (0: none). */
    record Failure(Precondition precondition, long currentRevision) {
    }

    private final RecordVersions versions;

    /** Checks against the latest {@code versions} of the records. */
    Preconditions(RecordVersions versions) {
        this.versions = versions;
    }

    /** The first precondition of {@code request} that does not hold; empty when all do. */
    Optional<Failure> firstFailure(WriteRequest request) {
        for (Precondition precondition : request.getPreconditions()) {
            Optional<Failure> failure = check(precondition);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> check(Precondition precondition) {
        String key = Keys.changed(precondition.getTopic(), precondition.getKey());
        return switch (precondition.getType()) {
            case ABSENT -> revisionOf(key) == 0 ? Optional.empty() : fail(precondition, revisionOf(key));
            case PRESENT -> revisionOf(key) != 0 ? Optional.empty() : fail(precondition, 0);
            case AT_REVISION -> revisionOf(key) == precondition.getRevision() ? Optional.empty()
                    : fail(precondition, revisionOf(key));
            case NO_KEYS_UNDER -> firstUnder(key).map(revision -> new Failure(precondition, revision));
        };
    }

    private long revisionOf(String key) {
        return versions.revisionOf(key);
    }

    /** The revision of some record whose key starts with {@code prefix}. */
    private Optional<Long> firstUnder(String prefix) {
        return versions.anyUnder(prefix);
    }

    private static Optional<Failure> fail(Precondition precondition, long currentRevision) {
        return Optional.of(new Failure(precondition, currentRevision));
    }
}

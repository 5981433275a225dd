package org.crmsync.activities.sync;

import java.time.Instant;

/**
 * What became of a pending write.
 *
 * @param error                 why the destination refused it; null when written
 * @param destinationModifiedOn the destination's modified-on after the write, when the service returns it
 */
record WriteOutcome(PendingWrite write, String error, Instant destinationModifiedOn) {

    static WriteOutcome written(PendingWrite write, Instant destinationModifiedOn) {
        return new WriteOutcome(write, null, destinationModifiedOn);
    }

    static WriteOutcome refused(PendingWrite write, String error) {
        return new WriteOutcome(write, error, null);
    }
}

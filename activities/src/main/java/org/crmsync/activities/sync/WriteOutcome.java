package org.crmsync.activities.sync;

import java.time.Instant;

/**
 * What became of a pending write.
 *
 * @param error                 why the destination refused it; null when written
 * @param destinationId         the destination row written: the write's, or the one the destination created
 * @param destinationModifiedOn the destination's modified-on after the write, when the service returns it
 * @param coupled               the pass stored the coupling already, as soon as the destination row existed
 */
record WriteOutcome(PendingWrite write, String error, String destinationId, Instant destinationModifiedOn,
                    boolean coupled) {

    static WriteOutcome written(PendingWrite write, Instant destinationModifiedOn) {
        return new WriteOutcome(write, null, write.destinationId(), destinationModifiedOn, false);
    }

    /** A row the destination created and numbered itself; its coupling commits with the page. */
    static WriteOutcome created(PendingWrite write, String destinationId) {
        return new WriteOutcome(write, null, destinationId, null, false);
    }

    static WriteOutcome createdAndCoupled(PendingWrite write, String destinationId, Instant destinationModifiedOn) {
        return new WriteOutcome(write, null, destinationId, destinationModifiedOn, true);
    }

    static WriteOutcome refused(PendingWrite write, String error) {
        return new WriteOutcome(write, error, write.destinationId(), null, false);
    }
}

package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A destination write a page decided on.
 *
 * @param sourceVersion   the source row's version, where its service keeps one
 * @param destinationEtag the destination's ETag when it was read for this write, or null
 * @param kind            how it will be counted when it succeeds
 */
record PendingWrite(String sourceId, String sourceKey, Instant sourceModifiedOn, Long sourceVersion,
                    String destinationId, String destinationEtag, ObjectNode body, Kind kind) {

    enum Kind {
        /** A new destination row with a new coupling. */
        INSERT,
        /** A new destination row in place of a deleted one the record stays coupled with (Restore Records). */
        RESTORE,
        /** An existing coupling whose source changed. */
        MODIFY,
        /** A destination row found by the mapping's match field, coupled and overwritten. */
        COUPLE;

        /** Whether the write creates the destination row. */
        boolean creates() {
            return this == INSERT || this == RESTORE;
        }
    }
}

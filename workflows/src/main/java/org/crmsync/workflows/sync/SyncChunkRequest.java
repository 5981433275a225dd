package org.crmsync.workflows.sync;

import org.crmsync.workflows.plan.Direction;

/**
 * One chunk of a table sync. The store holds the job's committed cursor, so a retried or resumed
 * chunk continues from the last committed page, never from zero.
 *
 * @param direction a one-way direction: {@link Direction#TO_INTEGRATION_TABLE} or
 *                  {@link Direction#FROM_INTEGRATION_TABLE}
 * @param jobId     the integration synch. job this chunk belongs to
 * @param fullSync   scan every source record, ignoring watermarks, and insert uncoupled ones
 * @param matchFirst couple an uncoupled record with the destination row its match fields agree with, if
 *                   any, rather than insert it (match-based coupling, bc-integration.md §7)
 * @param matchOnly  couple uncoupled records with a match and leave the others uncoupled: match-based
 *                   coupling without Create New
 */
public record SyncChunkRequest(
        String profile,
        String mapping,
        Direction direction,
        String jobId,
        boolean fullSync,
        boolean matchFirst,
        boolean matchOnly) {
}

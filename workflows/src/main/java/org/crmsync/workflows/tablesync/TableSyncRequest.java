package org.crmsync.workflows.tablesync;

import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Input of a table sync, and of each run it continues as.
 *
 * @param jobId          the integration synch. job; reusing it resumes from its committed pages
 * @param matchFirst     couple uncoupled records with destination rows whose match fields agree before
 *                       inserting any: the review line's recommendation was Couple, both sides hold data
 * @param matchOnly      couple what matches, insert nothing (match-based coupling without Create New)
 * @param fromPass       index into {@link Direction#passes()} to start at (earlier passes are done)
 * @param earlierPasses  counters of the passes already done, carried across continue-as-new
 * @param chunksPerRun   continue as new after this many chunks; 0 leaves it to Temporal's suggestion
 *                       (a small number keeps histories short, and lets a test force it)
 */
public record TableSyncRequest(
        String profile,
        String mapping,
        Direction direction,
        String jobId,
        boolean fullSync,
        boolean matchFirst,
        boolean matchOnly,
        int fromPass,
        JobCounters earlierPasses,
        int chunksPerRun) {

    public static TableSyncRequest start(String profile, String mapping, Direction direction, String jobId,
                                         boolean fullSync, boolean matchFirst) {
        return new TableSyncRequest(profile, mapping, direction, jobId, fullSync, matchFirst, false, 0, JobCounters.ZERO, 0);
    }

    /** Match-based coupling over every record of a mapping; with {@code create} unmatched ones are inserted. */
    public static TableSyncRequest matchBased(String profile, String mapping, Direction direction, String jobId,
                                              boolean create) {
        return new TableSyncRequest(profile, mapping, direction, jobId, true, true, !create, 0, JobCounters.ZERO, 0);
    }

    public TableSyncRequest withChunksPerRun(int chunks) {
        return new TableSyncRequest(profile, mapping, direction, jobId, fullSync, matchFirst, matchOnly, fromPass,
                earlierPasses, chunks);
    }

    TableSyncRequest continueAt(int pass, JobCounters done) {
        return new TableSyncRequest(profile, mapping, direction, jobId, fullSync, matchFirst, matchOnly, pass, done,
                chunksPerRun);
    }
}

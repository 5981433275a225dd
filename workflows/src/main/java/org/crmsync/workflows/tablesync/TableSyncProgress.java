package org.crmsync.workflows.tablesync;

import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Where a table sync stands, for the terminal and the Temporal UI.
 *
 * @param pass     the one-way direction running now
 * @param chunks   chunks completed in this run
 * @param counters counters of all passes so far
 */
public record TableSyncProgress(String mapping, Direction pass, long chunks, JobCounters counters, boolean done) {
}

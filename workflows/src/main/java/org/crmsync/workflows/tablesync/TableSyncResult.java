package org.crmsync.workflows.tablesync;

import org.crmsync.workflows.sync.JobCounters;

/** The outcome of a table sync over all of its passes. */
public record TableSyncResult(String mapping, String jobId, JobCounters counters) {
}

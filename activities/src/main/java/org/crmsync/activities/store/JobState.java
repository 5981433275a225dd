package org.crmsync.activities.store;

import org.crmsync.workflows.sync.JobCounters;

/** Where a sync job stands in the store: its committed cursor, pages and counters. */
public record JobState(String cursor, int pages, boolean done, JobCounters counters) {
}

package org.crmsync.activities.store;

import java.time.Instant;
import org.crmsync.workflows.sync.JobCounters;

/**
 * Where a sync job stands in the store.
 *
 * @param cursor        in {@link JobPhase#RETRY} the last source id retried, in {@link JobPhase#SCAN} the
 *                      source's nextLink; null before the phase's first page
 * @param modifiedAfter the watermark the job reads from, fixed when the job opens; null reads everything
 */
public record JobState(JobPhase phase, String cursor, int pages, boolean done, Instant modifiedAfter,
                       JobCounters counters) {
}

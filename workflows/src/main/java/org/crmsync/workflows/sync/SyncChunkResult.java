package org.crmsync.workflows.sync;

/**
 * What a chunk left behind. Never records: only where the job stands.
 *
 * @param cursor   the committed position in the source, opaque; null before the first page
 * @param done     the source has no more pages for this job and direction
 * @param counters the job's totals for this direction so far, as committed in the store
 */
public record SyncChunkResult(String cursor, boolean done, JobCounters counters) {
}

package org.crmsync.activities.store;

/**
 * A source record whose last synchronization in one direction failed.
 *
 * @param jobId   the job it last failed in
 * @param skipped it failed with the same message in two consecutive jobs, or a user skipped it: no job
 *                retries it until a user does
 */
public record FailedRecord(String sourceId, String sourceKey, String destinationId, String message, String jobId,
                           boolean skipped) {

    /** Whether failing again in {@code job} with {@code error} leaves the record skipped (bc-integration.md §6.7). */
    boolean skipsAfter(String job, String error) {
        return skipped || !jobId.equals(job) && message.equals(error);
    }
}

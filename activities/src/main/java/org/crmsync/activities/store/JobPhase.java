package org.crmsync.activities.store;

/** Where a job is: retrying earlier failures, then reading the source (bc-integration.md §6, passes a and b). */
public enum JobPhase {
    /** Records that failed in an earlier job and are not skipped, read by id. */
    RETRY,
    /** Source records within the mapping's filter, modified after the job's watermark. */
    SCAN
}

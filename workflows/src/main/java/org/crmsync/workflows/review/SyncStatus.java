package org.crmsync.workflows.review;

/** Status of a full or incremental synchronization as a whole. */
public enum SyncStatus {
    PLANNING,
    RUNNING,
    /** Every line is Finished or has no records. */
    FINISHED,
    /** Some line failed, or the plan did: the workflow waits for a resume or a cancel. */
    NEEDS_ATTENTION,
    CANCELLED
}

package org.crmsync.workflows.fullsync;

/** Status of a full synchronization as a whole. */
public enum FullSyncStatus {
    PLANNING,
    RUNNING,
    /** Every line is Finished or has no records. */
    FINISHED,
    /** Some line failed: the workflow waits for a resume or a cancel. */
    NEEDS_ATTENTION,
    CANCELLED
}

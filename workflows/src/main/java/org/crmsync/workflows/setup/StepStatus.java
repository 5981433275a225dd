package org.crmsync.workflows.setup;

/** Where a setup step stands. */
public enum StepStatus {
    PENDING,
    RUNNING,
    /** Needs a person's answer: salespeople to pair. */
    WAITING_FOR_USER,
    /** Failed for a reason a person must fix (a credential, a role); waits for a retry. */
    NEEDS_ATTENTION,
    DONE,
    /** Not asked for, such as the full sync when the guide should not start it. */
    SKIPPED
}

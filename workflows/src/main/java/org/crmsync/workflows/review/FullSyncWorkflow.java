package org.crmsync.workflows.review;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The full synchronization of a connection profile, id {@code full-sync/<profile>}: one child table
 * sync per mapping, each started when its parents have finished, independent ones in parallel. Lines
 * follow their recommendation: Full, Couple (match first) or No Records (not run).
 * A failed line does not fail the workflow: it waits, showing NEEDS_ATTENTION, for a resume or a cancel.
 */
@WorkflowInterface
public interface FullSyncWorkflow extends SyncReview {

    @WorkflowMethod
    SyncResult run(SyncRequest request);
}

package org.crmsync.workflows.fullsync;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The full synchronization of a connection profile, id {@code full-sync/<profile>}: one child table
 * sync per mapping, each started when its parents have finished, independent ones in parallel.
 * A failed line does not fail the workflow: it waits, showing NEEDS_ATTENTION, for a resume or a cancel.
 */
@WorkflowInterface
public interface FullSyncWorkflow {

    @WorkflowMethod
    FullSyncResult run(FullSyncRequest request);

    @QueryMethod
    FullSyncProgress progress();

    /** Re-runs the failed lines (or the named ones) and their blocked dependents. */
    @UpdateMethod
    FullSyncProgress resume(ResumeRequest request);

    @UpdateValidatorMethod(updateName = "resume")
    void validateResume(ResumeRequest request);

    /** Ends a full sync that waits for attention, leaving failed lines as they are. */
    @SignalMethod
    void cancel();
}

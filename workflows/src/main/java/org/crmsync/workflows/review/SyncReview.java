package org.crmsync.workflows.review;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What a user can ask of and tell a sync that runs a profile's mappings in dependency order, full or
 * incremental: where it stands, resume its failed lines, or give up on them.
 */
public interface SyncReview {

    @QueryMethod
    SyncProgress progress();

    /** Re-runs the failed lines (or the named ones) and their blocked dependents. */
    @UpdateMethod
    SyncProgress resume(ResumeRequest request);

    @UpdateValidatorMethod(updateName = "resume")
    void validateResume(ResumeRequest request);

    /** Ends a sync that waits for attention, leaving failed lines as they are. */
    @SignalMethod
    void cancel();
}

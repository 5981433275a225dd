package org.crmsync.workflows.review;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One incremental synchronization of a connection profile, as BC's recurring job queue entries run it:
 * every mapping in dependency order, each reading only what changed since its watermark and syncing only
 * coupled records. Started by the profile's schedule, id {@code incremental/<profile>} (the schedule
 * appends the time). A failed line waits for a resume or a cancel, as in a full sync; the schedule skips
 * its next runs meanwhile.
 */
@WorkflowInterface
public interface IncrementalSyncWorkflow extends SyncReview {

    @WorkflowMethod
    SyncResult run(SyncRequest request);
}
